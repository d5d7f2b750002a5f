/**
 * The proportions the generated journeys follow, from the national figures in the domain brief
 * (statutory-data.md §4: CIN census 2022-23 and SSDA903 2024) and the published CIN and CLA
 * statistics they summarise: referral sources (police and schools most common), 7% of referrals
 * with no further action, ~30% of assessments finding the child not in need, ~22% re-referrals
 * within 12 months, about a third of assessments leading to a section 47 enquiry and ~40% of those
 * to a conference, neglect and emotional abuse the most common plan categories, s20 and interim
 * care orders the most common legal statuses on entry to care, most children placed in foster care.
 * Weights are relative; `summary.ts` reports what a run actually produced.
 */
type W<T extends string = string> = readonly (readonly [T, number])[];

// prettier-ignore
export const Tables = {
  referralSources: [
    ['6', 29], ['2A', 19], ['2B', 1.5], ['3A', 1.7], ['3B', 2.4], ['3C', 0.5], ['3D', 1.5], ['3E', 2.5], ['3F', 6],
    ['4', 1.5], ['5A', 5], ['5B', 3], ['5C', 2.5], ['5D', 2], ['1A', 5], ['1B', 1], ['1C', 1], ['1D', 0.5],
    ['7', 3], ['8', 4.5], ['9', 1.5], ['10', 1],
  ] as W,
  contactDecisions: [['referral', 35], ['early-help', 15], ['advice', 30], ['nfa', 20]] as W,
  prebirthDecisions: [['referral', 80], ['early-help', 10], ['advice', 10]] as W,
  primaryNeeds: [['N1', 57], ['N2', 3], ['N3', 2], ['N4', 9], ['N5', 14], ['N6', 1], ['N7', 0.3], ['N8', 1], ['N9', 8], ['N0', 5]] as W,
  /** ReferralNFA: 7.1% of referrals in 2022-23. */
  referralNfa: 0.07,
  /** Re-referrals within 12 months: 143,770 of 640,430 (22%). */
  reReferralWithinYear: 0.22,
  /** Chance a closed referral is followed by another within 12 months (tuned to give ~22% above). */
  reReferralAfterClosure: 0.55,
  straightToStrategy: 0.12,
  /** 29.9% assessed as not in need. */
  assessmentOutcomes: [['nfa', 30], ['early-help', 12], ['cin-plan', 29], ['strategy', 27], ['looked-after', 3]] as W,
  s47Outcomes: [['conference', 48], ['cin-plan', 26], ['nfa', 26]] as W,
  icpcToPlan: 0.86,
  cpCategories: [['NEG', 48], ['EMO', 37], ['PHY', 7], ['SAB', 4], ['MUL', 4]] as W,
  categoryWords: { NEG: 'neglect', EMO: 'emotional abuse', PHY: 'physical abuse', SAB: 'sexual abuse', MUL: 'more than one category' } as Record<string, string>,
  afterCp: [['cin', 60], ['close', 28], ['care', 12]] as W,
  cinEscalation: 0.08,
  // No RC2 (died): nothing records a date of death yet, and RC2 without one is CIN query 8585Q.
  cinClosures: [['RC7', 78], ['RC9', 8], ['RC3', 3], ['RC4', 2], ['RC5', 5], ['RC6', 2]] as W,
  entryLegalStatus: [['V2', 42], ['C1', 36], ['L1', 9], ['L2', 6], ['J1', 3], ['C2', 4]] as W,
  categoryOfNeed: [['N1', 66], ['N2', 3], ['N3', 3], ['N4', 7], ['N5', 12], ['N6', 1], ['N7', 0.2], ['N8', 8]] as W,
  placements: [['U6', 35], ['U4', 20], ['U3', 12], ['U1', 5], ['K2', 11], ['P1', 6], ['H5', 3], ['R1', 1], ['A4', 2], ['K1', 0.5]] as W,
  placementsBaby: [['U6', 45], ['U3', 15], ['U4', 10], ['R3', 10], ['A5', 5], ['A4', 5], ['U5', 5]] as W,
  placementsOlder: [['H5', 35], ['U4', 20], ['U6', 15], ['K2', 15], ['P2', 10], ['U1', 5]] as W,
  careEndings: [['E4A', 35], ['E41', 5], ['E45', 3], ['E46', 3], ['E47', 4], ['E48', 5], ['E8', 5], ['E3', 2], ['E4B', 5]] as W,
  careEndingsYoung: [['E11', 25], ['E12', 10], ['E4A', 30], ['E48', 15], ['E47', 5], ['E41', 5], ['E4B', 5], ['E8', 5]] as W,
  careEndingsOlder: [['E13', 20], ['E17', 10], ['E5', 25], ['E6', 5], ['E4A', 20], ['E4B', 10], ['E8', 10]] as W,
  closureForCareEnding: {
    E11: 'RC1', E12: 'RC1', E45: 'RC4', E46: 'RC4', E47: 'RC4', E48: 'RC4', E41: 'RC3', E3: 'RC5', E7: 'RC6', E2: 'RC2',
  } as Record<string, string>,
  earlyHelpEndings: [['needs-met', 60], ['step-up', 14], ['declined', 12], ['moved', 6], ['other', 8]] as W,
  participation: [['PN1', 55], ['PN2', 5], ['PN3', 3], ['PN4', 2], ['PN5', 5], ['PN6', 20], ['PN7', 10]] as W,
  seen: [['seen-alone', 45], ['seen', 43], ['not-seen', 12]] as W<'seen' | 'seen-alone' | 'not-seen'>,
  seenBaby: [['seen', 88], ['not-seen', 12]] as W<'seen' | 'seen-alone' | 'not-seen'>,
  yesPartlyNo: [['yes', 60], ['partly', 30], ['no', 10]] as W,
  /** Days between visits while each plan is in place. */
  visitEvery: { cp: [10, 20], cin: [21, 45], care: [28, 60], 'early-help': [30, 45] } as Record<string, [number, number]>,
  notesPerVisit: 0.5,
  /** Assessment factors, the common ones repeated (domestic abuse and parental mental health lead). */
  factors: [
    '3B', '3B', '3B', '4B', '4B', '4B', '3A', '3A', '1B', '2B', '2B', '17A', '17A', '16A', '16A', '5B', '4A',
    '14A', '10A', '11A', '24A', '6B', '7A', '15A', '18C', '19C', '20', '3C', '2C',
  ],
  decisionReasons: {
    referral: 'The worries meet the threshold for children\'s social care: an assessment is needed.',
    'early-help': 'The family need support but the threshold for social care is not met. They agreed to early help.',
    advice: 'Advice given to the referrer and to the family about where to get help.',
    nfa: 'The information does not show the child is at risk or in need. No further action.',
  } as Record<string, string>,
  s47Reasons: {
    conference: 'Concerns substantiated: the child is judged to be at continuing risk of significant harm.',
    'cin-plan': 'Concerns partly substantiated; the child is in need and the family agree to a plan.',
    nfa: 'Concerns not substantiated. The family has support in place.',
  } as Record<string, string>,
  closureNotes: {
    RC1: 'Adoption order made. The child is settled with their adoptive family.',
    RC2: 'Case closed.',
    RC3: 'Child arrangements order made; the child lives with their father.',
    RC4: 'Special guardianship order made; the child lives with family.',
    RC5: 'The family have moved to another local authority; the case has been transferred.',
    RC6: 'Transferred to adult social care.',
    RC7: 'The plan has been achieved and the child is no longer in need.',
    RC8: 'Closed after assessment: no further action needed.',
    RC9: 'Closed after assessment: stepped down to early help.',
  } as Record<string, string>,
  timescaleReasons: [
    'The family have a house move planned; finishing before it gives them certainty.',
    'The school holidays start soon and school are a key source of information.',
    'Mum asked for the assessment to take account of her hospital appointment.',
  ],
  parenting: [
    'Mum provides basic care but struggles with routines and boundaries.',
    'Parents love the children; their own difficulties get in the way of meeting the children\'s needs consistently.',
    'Good basic care; emotional warmth is evident.',
  ],
} as const;
