/**
 * The closed lists a published review is described by: the metadata the NSPCC national case
 * review repository lists (region, review type, the child's age band, themes). Codes are stored;
 * the labels are the words the public pages show.
 */

/** A closed list of codes with the words shown for each. */
export type Vocabulary<C extends string> = readonly { code: C; label: string }[];

export const regions = [
  { code: 'north-east', label: 'North East' },
  { code: 'north-west', label: 'North West' },
  { code: 'yorkshire-and-the-humber', label: 'Yorkshire and the Humber' },
  { code: 'east-midlands', label: 'East Midlands' },
  { code: 'west-midlands', label: 'West Midlands' },
  { code: 'east-of-england', label: 'East of England' },
  { code: 'london', label: 'London' },
  { code: 'south-east', label: 'South East' },
  { code: 'south-west', label: 'South West' },
] as const satisfies Vocabulary<string>;
export type Region = (typeof regions)[number]['code'];

export const reviewTypes = [
  { code: 'local-cspr', label: 'Local child safeguarding practice review' },
  { code: 'serious-case-review', label: 'Serious case review' },
  { code: 'rapid-review', label: 'Rapid review summary' },
  { code: 'national-review', label: 'National review' },
] as const satisfies Vocabulary<string>;
export type ReviewType = (typeof reviewTypes)[number]['code'];

export const ageBands = [
  { code: 'unborn', label: 'Unborn' },
  { code: 'under-1', label: 'Under 1' },
  { code: '1-4', label: '1 to 4 years' },
  { code: '5-10', label: '5 to 10 years' },
  { code: '11-15', label: '11 to 15 years' },
  { code: '16-17', label: '16 to 17 years' },
] as const satisfies Vocabulary<string>;
export type AgeBand = (typeof ageBands)[number]['code'];

export const themes = [
  { code: 'neglect', label: 'Neglect' },
  { code: 'physical-abuse', label: 'Physical abuse' },
  { code: 'sexual-abuse', label: 'Sexual abuse' },
  { code: 'emotional-abuse', label: 'Emotional abuse' },
  { code: 'domestic-abuse', label: 'Domestic abuse' },
  { code: 'parental-mental-health', label: 'Parental mental health' },
  { code: 'parental-substance-misuse', label: 'Parental substance misuse' },
  { code: 'child-criminal-exploitation', label: 'Child criminal exploitation' },
  { code: 'child-sexual-exploitation', label: 'Child sexual exploitation' },
  { code: 'online-abuse', label: 'Online abuse' },
  { code: 'sudden-unexpected-infant-death', label: 'Sudden unexpected death in infancy' },
  { code: 'non-accidental-head-injury', label: 'Non-accidental head injury' },
  { code: 'suicide-and-self-harm', label: 'Suicide and self-harm' },
  { code: 'disabled-children', label: 'Disabled children' },
  { code: 'race-and-culture', label: 'Race, ethnicity and culture' },
  { code: 'information-sharing', label: 'Information sharing' },
  { code: 'voice-of-the-child', label: 'Voice of the child' },
  { code: 'professional-curiosity', label: 'Professional curiosity' },
] as const satisfies Vocabulary<string>;
export type Theme = (typeof themes)[number]['code'];

/** The codes of a vocabulary, for zod enums. */
export function codes<C extends string>(v: readonly { code: C }[]): [C, ...C[]] {
  const all = v.map((e) => e.code);
  if (all.length === 0) throw new Error('empty vocabulary');
  return all as [C, ...C[]];
}

/** The words for a code (the code itself when it is not in the list, which the schema prevents). */
export function labelOf(v: readonly { code: string; label: string }[], code: string): string {
  return v.find((e) => e.code === code)?.label ?? code;
}
