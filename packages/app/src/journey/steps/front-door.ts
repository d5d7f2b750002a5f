/** Contacts, the front door decision, and early help episodes (including step up and step down). */
import { z } from 'zod';
import { eventDate } from '../../http/forms/dates.ts';
import { primaryNeeds, referralSources } from '../codes.ts';
import { choice, code, optionalText, text } from '../fields.ts';
import { defineStep, longDate, rule } from '../step.ts';

const decisions = [
  ['referral', 'Refer to children’s social care (opens a child in need episode)'],
  ['early-help', 'Offer early help'],
  ['advice', 'Advice and information given'],
  ['nfa', 'No further action'],
] as const;

export const contact = defineStep({
  kind: 'contact',
  group: 'front-door',
  title: 'Record a contact',
  need: 'record_contact',
  schema: z
    .object({
      receivedOn: eventDate('the date the contact was received'),
      source: code(referralSources, 'Select who the contact came from'),
      raisedBy: optionalText(500),
      referrerAskedNotToBeNamed: choice(
        ['yes', 'no'],
        'Select whether they asked not to be named',
      ).optional(),
      worries: text('what the person is worried about'),
    })
    .strict(),
  fields: () => [
    { kind: 'date', name: 'receivedOn', label: 'Date received' },
    { kind: 'select', name: 'source', label: 'Who the contact came from', options: referralSources },
    { kind: 'text', name: 'raisedBy', label: 'Name and role of the person who raised it', optional: true },
    {
      kind: 'radios',
      name: 'referrerAskedNotToBeNamed',
      label: 'Did they ask not to be named to the family?',
      summary: 'Asked not to be named',
      hint: 'If this is not answered they are treated as having asked: a subject access bundle then always takes their name out.',
      optional: true,
      options: [
        ['yes', 'Yes, they asked not to be named'],
        ['no', 'No, they may be named'],
      ],
    },
    { kind: 'textarea', name: 'worries', label: 'What are they worried about?', rows: 6 },
  ],
  offered: (s) => s.screeningContact === null,
  async save(c, i) {
    rule(
      c.state.screeningContact === null,
      'receivedOn',
      'This child already has a contact being screened. Record the decision on it first.',
    );
    const row = await c.tx
      .insertInto('contacts')
      .values({
        la_code: c.laCode,
        person_id: c.personId,
        received_at: `${i.receivedOn}T12:00:00Z`,
        received_on: i.receivedOn,
        source: i.source,
        raised_by: i.raisedBy ?? null,
        referrer_asked_not_named: i.referrerAskedNotToBeNamed !== 'no',
        worries: i.worries,
        created_by: c.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { table: 'contacts', id: row.id };
  },
});

export const contactDecision = defineStep({
  kind: 'contact-decision',
  group: 'front-door',
  title: 'Record the front door decision',
  need: 'edit',
  schema: z
    .object({
      decidedOn: eventDate('the date of the decision'),
      decision: choice(['referral', 'early-help', 'advice', 'nfa'], 'Select the decision'),
      primaryNeed: code(primaryNeeds, 'Select the main need').optional(),
      reason: text('why this decision was made'),
    })
    .strict(),
  fields: () => [
    { kind: 'date', name: 'decidedOn', label: 'Date of the decision' },
    { kind: 'radios', name: 'decision', label: 'Decision', options: decisions },
    {
      kind: 'select',
      name: 'primaryNeed',
      label: 'Main need, for a referral',
      optional: true,
      options: primaryNeeds,
    },
    { kind: 'textarea', name: 'reason', label: 'Why', rows: 5 },
  ],
  offered: (s) => s.screeningContact !== null,
  async save(c, i) {
    const contact = c.state.screeningContact;
    rule(contact !== null, 'decision', 'There is no contact waiting for a decision.');
    rule(
      i.decidedOn >= contact.on,
      'decidedOn',
      `The decision cannot be before the contact was received (${longDate(contact.on)})`,
    );
    if (i.decision === 'referral') {
      const open = c.state.openEpisode;
      rule(
        open === null,
        'decision',
        `This child already has an open child in need episode from ${longDate(open?.on ?? '')}. Record the new information on it instead.`,
      );
    }
    if (i.decision === 'early-help') {
      const open = c.state.openEarlyHelp;
      rule(open === null, 'decision', `This child already has early help from ${longDate(open?.on ?? '')}.`);
    }
    // The contact's source comes back with the update: a referral's episode carries it.
    const source = await c.tx
      .updateTable('contacts')
      .set({
        status: 'decided',
        decision: i.decision,
        decision_reason: i.reason,
        decided_by: c.userId,
        decided_on: i.decidedOn,
        version: (eb) => eb('version', '+', 1),
      })
      .where('id', '=', contact.id)
      .returning('source')
      .executeTakeFirstOrThrow();
    if (i.decision === 'referral') {
      await c.tx
        .insertInto('cin_episodes')
        .values({
          la_code: c.laCode,
          person_id: c.personId,
          contact_id: contact.id,
          referral_on: i.decidedOn,
          source: source.source ?? '10',
          primary_need: i.primaryNeed ?? null,
          reason: i.reason,
          recorded_by: c.userId,
        })
        .execute();
    }
    if (i.decision === 'early-help') {
      await c.tx
        .insertInto('early_help_episodes')
        .values({
          la_code: c.laCode,
          person_id: c.personId,
          contact_id: contact.id,
          started_on: i.decidedOn,
          origin: 'contact',
          reason: i.reason,
          recorded_by: c.userId,
        })
        .execute();
    }
    return { table: 'contacts', id: contact.id };
  },
});

const endReasons = [
  ['needs-met', 'Needs met'],
  ['step-up', 'Stepped up to children’s social care'],
  ['declined', 'Family declined'],
  ['moved', 'Moved away'],
  ['other', 'Other'],
] as const;

export const earlyHelp = defineStep({
  kind: 'early-help',
  group: 'early-help',
  title: 'Start early help',
  need: 'edit',
  schema: z
    .object({
      startedOn: eventDate('the start date'),
      origin: choice(['request', 'step-down'], 'Select how early help started'),
      leadProfessional: optionalText(500),
      teamAroundFamily: optionalText(2_000),
      assessmentOn: eventDate('the date of the early help assessment').optional(),
      reason: text('what the family want help with'),
    })
    .strict(),
  fields: () => [
    { kind: 'date', name: 'startedOn', label: 'Start date' },
    {
      kind: 'radios',
      name: 'origin',
      label: 'How did early help start?',
      options: [
        ['request', 'The family or a professional asked for it'],
        ['step-down', 'Stepped down from children’s social care'],
      ],
    },
    { kind: 'text', name: 'leadProfessional', label: 'Lead professional', optional: true },
    {
      kind: 'textarea',
      name: 'teamAroundFamily',
      label: 'Team around the family',
      hint: 'Who is helping, from which agencies',
      optional: true,
      rows: 3,
    },
    { kind: 'date', name: 'assessmentOn', label: 'Date of the early help assessment', optional: true },
    { kind: 'textarea', name: 'reason', label: 'What the family want help with', rows: 4 },
  ],
  offered: (s) => s.openEarlyHelp === null && s.openEpisode === null,
  async save(c, i) {
    rule(
      c.state.openEarlyHelp === null,
      'startedOn',
      'This child already has early help. End it before starting another episode.',
    );
    const row = await c.tx
      .insertInto('early_help_episodes')
      .values({
        la_code: c.laCode,
        person_id: c.personId,
        started_on: i.startedOn,
        origin: i.origin,
        lead_professional: i.leadProfessional ?? null,
        team_around_family: i.teamAroundFamily ?? null,
        assessment_on: i.assessmentOn ?? null,
        reason: i.reason,
        recorded_by: c.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { table: 'early_help_episodes', id: row.id };
  },
});

export const earlyHelpEnd = defineStep({
  kind: 'early-help-end',
  group: 'early-help',
  title: 'End early help',
  need: 'edit',
  schema: z
    .object({
      endedOn: eventDate('the end date'),
      endReason: choice(
        ['needs-met', 'step-up', 'declined', 'moved', 'other'],
        'Select why early help ended',
      ),
      reason: optionalText(),
    })
    .strict(),
  fields: () => [
    { kind: 'date', name: 'endedOn', label: 'End date' },
    { kind: 'radios', name: 'endReason', label: 'Why did early help end?', options: endReasons },
    { kind: 'textarea', name: 'reason', label: 'Anything else to record', optional: true, rows: 3 },
  ],
  offered: (s) => s.openEarlyHelp !== null,
  async save(c, i) {
    const open = c.state.openEarlyHelp;
    rule(open !== null, 'endedOn', 'This child has no open early help.');
    rule(i.endedOn >= open.on, 'endedOn', `Early help cannot end before it started (${longDate(open.on)})`);
    await c.tx
      .updateTable('early_help_episodes')
      .set({ ended_on: i.endedOn, end_reason: i.endReason, version: (eb) => eb('version', '+', 1) })
      .where('id', '=', open.id)
      .execute();
    return { table: 'early_help_episodes', id: open.id };
  },
});
