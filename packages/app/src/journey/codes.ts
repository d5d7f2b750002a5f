/**
 * Statutory code lists with the words practitioners see. The codes are the DfE's (CIN census,
 * SSDA903) and come from `@waypoint/returns`, so the returns are derived from the record without
 * re-keying; only the words are the app's, one for every code (the type checks none is missing).
 */
import {
  ASSESSMENT_FACTOR_CODES,
  CATEGORY_OF_ABUSE_CODES,
  DISABILITY_CODES,
  ETHNICITY_CODES,
  LEGAL_STATUS_CODES,
  PLACEMENT_TYPE_CODES,
  PRIMARY_NEED_CODES,
  REASON_EPISODE_ENDED_CODES,
  REASON_FOR_CLOSURE_CODES,
  REASON_NEW_EPISODE_CODES,
  REFERRAL_SOURCE_CODES,
  REVIEW_PARTICIPATION_CODES,
} from '@waypoint/returns/codes';

export type CodeList = readonly (readonly [code: string, label: string])[];

/** The returns' codes, in their order, each with its words. */
function labelled<C extends string>(list: readonly C[], labels: Record<C, string>): CodeList {
  return list.map((c) => [c, labels[c]] as const);
}

export const referralSources = labelled(REFERRAL_SOURCE_CODES, {
  '1A': 'Individual: family member, relative or carer',
  '1B': 'Individual: acquaintance (including neighbours and child minders)',
  '1C': 'Individual: self',
  '1D': 'Individual: other',
  '2A': 'Schools',
  '2B': 'Education services',
  '3A': 'Health: GP',
  '3B': 'Health: health visitor',
  '3C': 'Health: school nurse',
  '3D': 'Health: other primary health services',
  '3E': 'Health: A&E',
  '3F': 'Health: other',
  '4': 'Housing',
  '5A': 'LA services: social care (for example adult social care)',
  '5B': 'LA services: other internal',
  '5C': 'LA services: external, for example from another LA',
  '5D': 'LA services: early help',
  '6': 'Police',
  '7': 'Other legal agency',
  '8': 'Other',
  '9': 'Anonymous',
  '10': 'Unknown',
});

export const primaryNeeds = labelled(PRIMARY_NEED_CODES, {
  N1: 'Abuse or neglect',
  N2: "Child's disability",
  N3: 'Parental disability or illness',
  N4: 'Family in acute stress',
  N5: 'Family dysfunction',
  N6: 'Socially unacceptable behaviour',
  N7: 'Low income',
  N8: 'Absent parenting',
  N9: 'Cases other than children in need',
  N0: 'Not stated',
});

export const closureReasons = labelled(REASON_FOR_CLOSURE_CODES, {
  RC1: 'Adopted',
  RC2: 'Died',
  RC3: 'Child arrangements order',
  RC4: 'Special guardianship order',
  RC5: 'Transferred to another local authority',
  RC6: 'Transferred to adult social care',
  RC7: 'Services ceased for any other reason, including no longer in need',
  RC8: 'Closed after assessment, no further action',
  RC9: 'Closed after assessment, referred to early help',
});

export const abuseCategories = labelled(CATEGORY_OF_ABUSE_CODES, {
  NEG: 'Neglect',
  PHY: 'Physical abuse',
  SAB: 'Sexual abuse',
  EMO: 'Emotional abuse',
  MUL: 'Multiple (not recommended)',
});

export const assessmentFactors = labelled(ASSESSMENT_FACTOR_CODES, {
  '1A': 'Alcohol misuse: child',
  '1B': 'Alcohol misuse: parent or carer',
  '1C': 'Alcohol misuse: another person in the household',
  '2A': 'Drug misuse: child',
  '2B': 'Drug misuse: parent or carer',
  '2C': 'Drug misuse: another person in the household',
  '3A': 'Domestic abuse: child',
  '3B': 'Domestic abuse: parent or carer',
  '3C': 'Domestic abuse: another person in the household',
  '4A': 'Mental health: child',
  '4B': 'Mental health: parent or carer',
  '4C': 'Mental health: another person in the household',
  '5A': 'Learning disability: child',
  '5B': 'Learning disability: parent or carer',
  '5C': 'Learning disability: another person in the household',
  '6A': 'Physical disability or illness: child',
  '6B': 'Physical disability or illness: parent or carer',
  '6C': 'Physical disability or illness: another person in the household',
  '7A': 'Young carer',
  '8B': 'Privately fostered: overseas, intending to return',
  '8C': 'Privately fostered: overseas, staying',
  '8D': 'Privately fostered: UK family, intending to return',
  '8E': 'Privately fostered: UK family, staying',
  '8F': 'Privately fostered: other',
  '9A': 'Unaccompanied asylum-seeking child',
  '10A': 'Going or being missing',
  '11A': 'Child sexual exploitation',
  '12A': 'Trafficking',
  '13A': 'Gangs',
  '14A': 'Socially unacceptable behaviour',
  '15A': 'Self-harm',
  '16A': 'Neglect',
  '17A': 'Emotional abuse',
  '18B': 'Physical abuse: child on child',
  '18C': 'Physical abuse: adult on child',
  '19B': 'Sexual abuse: child on child',
  '19C': 'Sexual abuse: adult on child',
  '20': 'Other',
  '21': 'No factors identified',
  '22A': 'Female genital mutilation',
  '23A': 'Abuse linked to faith or belief',
  '24A': 'Child criminal exploitation',
});

export const legalStatuses = labelled(LEGAL_STATUS_CODES, {
  C1: 'Interim care order',
  C2: 'Full care order',
  D1: 'Freeing order granted',
  E1: 'Placement order granted',
  V2: 'Single period of accommodation under section 20',
  V3: 'Accommodated under an agreed series of short-term breaks, when individual agreements apply',
  V4: 'Accommodated under an agreed series of short-term breaks, when one agreement covers all',
  L1: 'Under police protection and in local authority accommodation',
  L2: 'Emergency protection order',
  L3: 'Under a child assessment order and in local authority accommodation',
  J1: 'Remanded to local authority accommodation or youth detention accommodation',
  J2: 'Placed in local authority accommodation under PACE',
  J3: 'Sentenced to a youth rehabilitation order with a residence or fostering requirement',
});

export const placementTypes = labelled(PLACEMENT_TYPE_CODES, {
  U1: 'Foster placement with a relative or friend: long-term fostering',
  U2: 'Foster placement with a relative or friend who is also an approved adopter',
  U3: 'Foster placement with a relative or friend: not long-term or fostering for adoption',
  U4: 'Foster placement with another foster carer: long-term fostering',
  U5: 'Foster placement with another foster carer who is also an approved adopter',
  U6: 'Foster placement with another foster carer: not long-term or fostering for adoption',
  A3: 'Placed for adoption with a placement order with current foster carers',
  A4: 'Placed for adoption with a placement order, not with current foster carers',
  A5: 'Placed for adoption with consent with current foster carers',
  A6: 'Placed for adoption with consent, not with current foster carers',
  H5: 'Semi-independent living accommodation',
  K1: 'Secure children’s home',
  K2: 'Children’s home',
  P1: 'Placed with own parents or other person with parental responsibility',
  P2: 'Independent living, for example a flat or lodgings',
  P3: 'Residential employment',
  R1: 'Residential care home',
  R2: 'NHS or health trust establishment providing medical or nursing care',
  R3: 'Family centre or mother and baby unit',
  R5: 'Young offender institution or prison',
  S1: 'Residential school',
  T0: 'Temporary: all types of temporary move',
  T1: 'Temporary: hospital',
  T2: 'Temporary: holiday',
  T3: 'Temporary: in the care of a parent or relative',
  T4: 'Temporary: other',
  Z1: 'Other placement',
});

export const reasonsNewEpisode = labelled(REASON_NEW_EPISODE_CODES, {
  S: 'Started to be looked after',
  L: 'Change of legal status only',
  P: 'Change of placement only',
  T: 'Change of legal status and placement at the same time',
  B: 'Change of legal status and placement (not at the same time)',
  U: 'Change of placement and legal status at the same time (short-term breaks)',
});

export const reasonsEpisodeEnded = labelled(REASON_EPISODE_ENDED_CODES, {
  X1: 'Episode ended and a new one began in the same period of care',
  E11: 'Adopted: application unopposed',
  E12: 'Adopted: consent dispensed with by the court',
  E2: 'Died',
  E3: 'Care taken over by another local authority',
  E4A: 'Returned home to parents or person with parental responsibility, as part of the care plan',
  E4B: 'Returned home to parents or person with parental responsibility, not as part of the care plan',
  E13: 'Left care to live with former foster carers (staying put)',
  E41: 'Child arrangements order',
  E45: 'Special guardianship order: former foster carers',
  E46: 'Special guardianship order: carers other than former foster carers',
  E47: 'Special guardianship order: relatives or friends, former foster carers',
  E48: 'Special guardianship order: relatives or friends, not former foster carers',
  E5: 'Moved into independent living with supportive accommodation',
  E6: 'Moved into independent living without formal support',
  E7: 'Transferred to residential care funded by adult social care',
  E9: 'Sentenced to custody',
  E14: 'Accommodation on remand ended',
  E15: 'Age assessment found the child to be 18 or over',
  E16: 'Child moved abroad',
  E17: 'Aged 18 or over and remained with current carers',
  E8: 'Period of being looked after ended for any other reason',
});

export const reviewParticipation = labelled(REVIEW_PARTICIPATION_CODES, {
  PN0: 'Child aged under 4 at the time of the review',
  PN1: 'Child physically attended and spoke for themselves',
  PN2: 'Child physically attended; an advocate spoke for them',
  PN3: 'Child attended and conveyed their views non-verbally',
  PN4: 'Child attended but did not convey their views',
  PN5: 'Child did not attend; an advocate conveyed their views',
  PN6: 'Child did not attend but conveyed their views by another method',
  PN7: 'Child did not attend and did not convey their views',
});

export const ethnicities = labelled(ETHNICITY_CODES, {
  WBRI: 'White British',
  WIRI: 'White Irish',
  WIRT: 'Traveller of Irish heritage',
  WOTH: 'Any other White background',
  WROM: 'Gypsy or Roma',
  MWBC: 'White and Black Caribbean',
  MWBA: 'White and Black African',
  MWAS: 'White and Asian',
  MOTH: 'Any other mixed background',
  AIND: 'Indian',
  APKN: 'Pakistani',
  ABAN: 'Bangladeshi',
  AOTH: 'Any other Asian background',
  BCRB: 'Caribbean',
  BAFR: 'African',
  BOTH: 'Any other Black background',
  CHNE: 'Chinese',
  OOTH: 'Any other ethnic group',
  REFU: 'Refused',
  NOBT: 'Information not yet obtained',
});

export const disabilities = labelled(DISABILITY_CODES, {
  NONE: 'No disability',
  MOB: 'Mobility',
  HAND: 'Hand function',
  PC: 'Personal care',
  INC: 'Incontinence',
  COMM: 'Communication',
  LD: 'Learning',
  HEAR: 'Hearing',
  VIS: 'Vision',
  BEH: 'Behaviour',
  CON: 'Consciousness',
  AUT: 'Autism or Asperger syndrome',
  DDA: 'Other disability',
});

export const codes = (list: CodeList) => list.map(([c]) => c) as [string, ...string[]];
export const labelOf = (list: CodeList, code: string | null | undefined): string =>
  code == null ? '' : (list.find(([c]) => c === code)?.[1] ?? code);
