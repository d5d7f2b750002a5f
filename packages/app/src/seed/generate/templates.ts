/**
 * Sentence templates for generated narrative (see narrative.ts for the placeholders). Written in
 * the plain, factual voice of practice records. Fictional.
 */

const WORRIES: Record<string, string[]> = {
  police: [
    '{officer} attended {home} on {date} after neighbours reported shouting. {mum} had a cut to her lip and said {adult} had pushed her. {child} was in the house.',
    'Police were called to {street} on {date} following a report of a domestic incident. {child} ({age}) was present and was upset. {adult} was arrested.',
    '{child} was found by {officer} in the town centre late at night on {date} and would not say where they had been.',
  ],
  school: [
    '{teacher} at {school} reports that {child} has come to school hungry and in the same clothes for several days, and has missed 12 sessions this half term.',
    '{child} told {teacher:given} at {school} on {date} that {adult} hit them with a belt. A mark was seen on their arm.',
    '{school} are worried about {child}, {age}, who has become withdrawn and said "nobody at home talks to me".',
  ],
  health: [
    '{hv} (health visitor) visited {home} on {date} and found the home very cold and dirty, with little food. {mum} seemed low in mood.',
    '{child} was brought to {hospital} on {date} with a bruise to the cheek. The explanation given by {mum} did not fit the injury.',
    "{gp} reports that {mum:ts} has stopped taking her medication and has missed {child}'s last three appointments.",
  ],
  family: [
    "{mum} phoned to say she cannot cope with {child}'s behaviour and is worried about what she might do.",
    'A relative rang on {date} worried that {child} is being left alone overnight at {home}.',
  ],
  other: [
    'An anonymous caller is worried that {child} is often left alone at {street} and that there are people coming and going from the house late at night.',
    'The housing officer reports the family have rent arrears, the flat at {home} has damp and mould, and {mum} has said she is "at breaking point".',
  ],
  prebirth: [
    '{mum} is pregnant (expected date in the next few months). {hv} is worried about her drug use and that two older children were previously removed from her care.',
    'Midwifery referral: {mum:ts} disclosed domestic abuse from {adult} at her booking appointment at {hospital} on {date}.',
  ],
};

export function worriesBySource(source: string, age: number): string[] {
  if (age < 0) return WORRIES.prebirth!;
  if (source === '6') return WORRIES.police!;
  if (source.startsWith('2')) return WORRIES.school!;
  if (source.startsWith('3')) return WORRIES.health!;
  if (source.startsWith('1')) return WORRIES.family!;
  return WORRIES.other!;
}

export const VISIT_SEEN = [
  'Home visit to {home}. {child} was seen in the living room with {carer}. The home was warm and there was food in the cupboards.',
  'Visited {child} at {school} on {date}. We talked in the quiet room for about half an hour using the three houses tool.',
  'Unannounced visit on {date}. {mum} let me in after a few minutes. {child} was playing with {sib}. The kitchen was untidy but not unsafe.',
  'Visit to see {child} at home. {carer} was present throughout. We went through the plan together and agreed what would happen next.',
  'Saw {child} at {home}. {child} showed me their bedroom, which now has a bed and curtains. {mum} said things had been calmer.',
];

export const VISIT_PREBIRTH = [
  'Pre-birth visit to {mum} at {home}. We talked about her plans for the baby and the support she has from family.',
  'Visited {mum:ts} on {date} with {hv}. The nursery is being set up and the cot has arrived.',
];

export const VISIT_NOT_SEEN = [
  'Attempted visit to {home} on {date}. No answer. A card was left and {mum} was texted.',
  'Planned visit to {child} at {school} but {child} was absent today. {teacher} will call if they arrive.',
  "Visited {home}. {mum} said {child} was at a friend's house and would not give the address.",
];

export const VISIT_EXTRA = [
  '{mum} said money is very tight and she is waiting for a benefits decision.',
  "Next visit agreed for two weeks' time. I will speak to {teacher:given} about attendance.",
  '{adult} was not present. {mum} said they have not been to the house since {date}.',
  'I spoke to {hv} afterwards, who will visit next week.',
  'The smoke alarm is now working and the broken window at the back has been boarded up.',
];

export const SAID_YOUNG = [
  '"I like it when {mum} takes me to the park."',
  '"I was scared when the police came."',
  '"{sib} is my best friend."',
  '"I want my own bed."',
];

export const SAID_MIDDLE = [
  '"I don\'t like it when they shout. I go upstairs and put my headphones on."',
  '"Things are better at home now. {mum} gets up in the morning."',
  '"I want to stay at {school} with my friends."',
  '"I worry about {mum} when I\'m at school."',
];

export const SAID_TEEN = [
  '"I just want everyone to stop asking me questions."',
  '"I\'m fine. I don\'t need a social worker."',
  '"I\'d rather live with my nan. It\'s quieter there."',
  '"I stayed out because I didn\'t want to go home. It\'s not safe when {adult} is there."',
  '"College is going okay. I\'ve got a part-time job on {street}."',
];

export const CASE_NOTES: readonly (readonly [string, string[]])[] = [
  [
    'Telephone call with school',
    [
      "Spoke to {teacher} at {school}. {child}'s attendance is 84% this term, up from 71%. {child} has been more settled in class.",
      '{teacher:given} from {school} called: {child} arrived late three times this week and was hungry. School are giving breakfast club.',
    ],
  ],
  [
    'Management oversight',
    [
      "Case discussed with team manager on {date}. The plan is progressing. Risks remain around {adult}'s contact with the family. Next review in six weeks.",
      "Oversight: the assessment should include {dad}'s views. {worker} to make contact before the review.",
    ],
  ],
  [
    'Core group meeting',
    [
      'Core group met on {date} at {school}. Present: {mum}, {teacher}, {hv} and {worker}. Actions agreed: {mum} to attend the parenting course; school to monitor attendance.',
      'Core group: {mum} has attended four of six sessions of the Freedom Programme. {child} seen and spoken to alone by {teacher}.',
    ],
  ],
  [
    'Discussion with health visitor',
    [
      "{hv} reports {child}'s weight is back on the centile line. Immunisations are up to date (NHS number {nhs}).",
      'Call with {hv}: home conditions improved at her visit on {date}. {mum} is engaging with {gp}.',
    ],
  ],
  [
    'Police notification',
    [
      'Notification from {officer}: a domestic incident at {home} on {date}. {child} was not at home. {adult} was given a warning.',
      'Police information: {adult} is on bail with a condition not to attend {street}.',
    ],
  ],
  [
    'Direct work with the child',
    [
      'Session with {child} at {school} about worries and wishes. {child} drew their family and put {sib} closest. Said the best thing is "when everyone is calm".',
      'Life-story work with {child}. We looked at photos from when they lived at {street}.',
    ],
  ],
  [
    'Education update',
    [
      'Education record checked: UPN {upn}. {child} is on the SEN register at {school}. An education, health and care needs assessment has been requested.',
    ],
  ],
];

export const ANALYSIS: Record<string, string[]> = {
  nfa: [
    "The worries raised have been looked into. {mum} has made changes and has support from family. {child} is meeting their milestones and is happy at {school}. No further action from children's social care.",
  ],
  'early-help': [
    "{child}'s needs can be met with early help. {mum} would like support with routines and money, and has agreed to work with the family support worker.",
  ],
  'cin-plan': [
    '{child} is a child in need. {mum} loves {child} and wants things to change, but needs help with housing, her mental health and setting boundaries. A child in need plan is recommended.',
  ],
  strategy: [
    'There is reasonable cause to suspect {child} is suffering, or likely to suffer, significant harm: the injury seen at {school} and the account {child} gave. A strategy discussion is needed.',
  ],
  'looked-after': [
    '{child} cannot safely remain at {home}. No family member is able to care for {child} at present. {child} needs to be looked after while the assessment of the family continues.',
  ],
};

/** Goals in the family's own words, by plan. */
export const GOALS: Record<'cp' | 'cin' | 'care' | 'early-help', string[]> = {
  cp: [
    'We keep the house safe and clean so the children can play',
    'Mum and the kids feel safe at home and nobody is hurt',
    '{child} goes to school every day on time',
    'There is always food in the house and the kids have a proper tea',
    'Mum stays off drink and drugs and goes to her appointments',
  ],
  cin: [
    '{child} sleeps in their own bed every night',
    'We get help with the debts so we are not worried all the time',
    'Mum and {child} can talk without shouting',
    '{child} gets the help they need at school',
  ],
  care: [
    '{child} knows why they are in care and feels settled where they live',
    '{child} sees mum and {sib} every week',
    '{child} stays at the same school',
    '{child} is safe and comes home at night',
  ],
  'early-help': [
    'The children get to school on time',
    'Mum feels less stressed and has someone to talk to',
    'We have a bedtime routine that works',
  ],
};
