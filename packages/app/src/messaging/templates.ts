/**
 * The closed list of messages Waypoint sends. Each template has its words here (the outbox
 * renders them; an LA pastes them into its GOV.UK Notify templates, whose ids it sets in
 * `NOTIFY_TEMPLATE_IDS`) and the personalisation it needs, for each channel it may go by.
 * Placeholders are Notify's: `((name))`. Each capability adds its own templates here.
 */

export type MessageChannel = 'email' | 'sms';

export interface TemplateWords {
  /** Email only. */
  subject?: string;
  body: string;
}

export interface TemplateDefinition {
  /** The personalisation keys the words use: every message must give each of them, and no other. */
  personalisation: readonly string[];
  email?: TemplateWords;
  sms?: TemplateWords;
}

export const messageTemplates = {
  'feedback-request': {
    personalisation: ['greeting', 'la_name', 'link', 'code'],
    email: {
      subject: '((la_name)): tell us what you think',
      body:
        '((greeting))\n\n' +
        '((la_name)) children’s services would like to know what you think of the help you are getting. ' +
        'It takes about 5 minutes and you do not need an account.\n\n' +
        'Answer here: ((link))\n\n' +
        'If the link does not work, go to the address and enter this code: ((code))\n\n' +
        'The link works once and stops working after 28 days. You do not have to answer.',
    },
    sms: {
      body:
        '((la_name)) children’s services would like to know what you think of the help you are getting. ' +
        'Answer at ((link)) (code ((code))). It works once, for 28 days. You do not have to answer.',
    },
  },
  // CP-IS: a child with a flag seen in unscheduled care out of the LA's office hours (cpis/notify.ts).
  // No name: the emergency duty team signs in to see who.
  'cpis-attendance-out-of-hours': {
    personalisation: ['la_name', 'flag', 'setting', 'date', 'time', 'reference'],
    email: {
      subject: 'CP-IS: a child with a ((flag)) was seen at ((setting))',
      body:
        '((la_name)) emergency duty team\n\n' +
        'A child with a ((flag)) was seen at ((setting)) on ((date)) at ((time)), out of office hours. ' +
        'Sign in to Waypoint to see who and their allocated worker: CP-IS attendances, reference ((reference)).',
    },
    sms: {
      body: 'CP-IS: a child with a ((flag)) was seen at ((setting)) on ((date)) at ((time)). Sign in to Waypoint, reference ((reference)).',
    },
  },
  // The involvement index: someone with a reason looked up a child whose involvement this agency
  // shielded (involvement/notices.ts). Nothing about the child: the contact knows them by the reference.
  'involvement-shielded-hit': {
    personalisation: [
      'contact_name',
      'caller_name',
      'caller_organisation',
      'caller_email',
      'caller_phone',
      'reason',
      'reference',
    ],
    email: {
      subject: 'Someone is trying to reach the practitioners of a child you shielded',
      body:
        '((contact_name))\n\n' +
        'A practitioner looked up a child in the involvement index whose involvement with your service is shielded. ' +
        'The index told them nothing about it. They want to reach the child’s practitioners because: ((reason)).\n\n' +
        'Who asked: ((caller_name)), ((caller_organisation)), ((caller_email)), ((caller_phone)).\n\n' +
        'Please decide whether to contact them. Your involvement in Waypoint: reference ((reference)).',
    },
  },
} as const satisfies Record<string, TemplateDefinition>;

export type MessageTemplate = keyof typeof messageTemplates;

/** Whether `name` is one of the templates. */
export function isMessageTemplate(name: string): name is MessageTemplate {
  return Object.hasOwn(messageTemplates, name);
}

/** The template's words for a channel, or undefined when it is not sent that way. */
export function templateWords(template: MessageTemplate, channel: MessageChannel): TemplateWords | undefined {
  const definition: TemplateDefinition = messageTemplates[template];
  return definition[channel];
}

/** Fills `((key))` placeholders from `personalisation` (as Notify does). */
export function renderWords(text: string, personalisation: Record<string, string>): string {
  return text.replace(/\(\(([a-z0-9_]+)\)\)/g, (whole, key: string) => personalisation[key] ?? whole);
}
