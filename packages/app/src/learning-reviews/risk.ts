/**
 * What a motivated intruder could still use in the redacted text, beyond the library's residual
 * risk (capitalised words, numbers and proper-noun-like tokens left): exact dates, ethnicity
 * beside a locality, and phrases the local press would have used. Each item the reviewer must
 * resolve (changed in the draft) or accept with a reason before the review can be published.
 */
import type { RiskReport } from '@waypoint/redaction';

export interface ReviewRisk {
  key: string;
  kind: 'unknown-word' | 'exact-date' | 'ethnicity-locality' | 'press-phrase';
  text: string;
  count: number;
  /** Some output, around the first occurrence. */
  context: string;
}

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const EXACT_DATE = new RegExp(
  `\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\s+\\d{4}\\b|\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b`,
  'g',
);
const ETHNICITY =
  /\b(?:White|Black|Asian|Mixed|Roma|Romany|Gypsy|Traveller|Irish|Polish|Romanian|Somali|Pakistani|Bangladeshi|Indian|Chinese|Caribbean|African|Arab|Kurdish|Eritrean|Afghan|Syrian)\b/g;
const LOCALITY =
  /\b(?:estate|village|street|road|avenue|close|lane|ward|town|the area|neighbourhood|community)\b/i;
const PRESS = [
  'house of horrors',
  'tragic',
  'horrific',
  'evil',
  'monster',
  'left to starve',
  'beaten to death',
  'sadistic',
  'torment',
  'tot',
  'toddler killed',
  'baby killed',
  'murdered',
  'manslaughter',
  'jailed',
  'sentenced',
  'inquest',
];

const around = (text: string, at: number, len: number) =>
  `${at > 40 ? '…' : ''}${text.slice(Math.max(0, at - 40), at + len + 40).replace(/\s+/g, ' ')}${at + len + 40 < text.length ? '…' : ''}`;

/**
 * The review's risk items over the publishable text: unknown capitalised words and
 * proper-noun-like tokens from the library's report (not ordinary English, not only at sentence
 * starts), plus exact dates, ethnicity beside a locality word in the same sentence, and press phrases.
 */
export function reviewRisks(text: string, report: RiskReport): ReviewRisk[] {
  const out = new Map<string, ReviewRisk>();
  const add = (kind: ReviewRisk['kind'], token: string, at: number) => {
    const key = `${kind}:${token.toLowerCase()}`;
    const had = out.get(key);
    if (had !== undefined) had.count += 1;
    else out.set(key, { key, kind, text: token, count: 1, context: around(text, at, token.length) });
  };
  for (const item of report.items)
    if (item.kind !== 'number' && !item.isDictionaryWord && !item.sentenceInitialOnly)
      for (const p of item.positions) add('unknown-word', item.token, p);
  for (const m of text.matchAll(EXACT_DATE)) add('exact-date', m[0], m.index);
  for (const m of text.matchAll(ETHNICITY)) {
    const start = Math.max(text.lastIndexOf('.', m.index) + 1, 0);
    const endDot = text.indexOf('.', m.index);
    const sentence = text.slice(start, endDot === -1 ? undefined : endDot);
    if (LOCALITY.test(sentence)) add('ethnicity-locality', m[0], m.index);
  }
  const lower = text.toLowerCase();
  for (const phrase of PRESS) {
    const re = new RegExp(`\\b${phrase.replace(/ /g, '\\s+')}\\b`, 'g');
    for (const m of lower.matchAll(re))
      add('press-phrase', text.slice(m.index, m.index + m[0].length), m.index);
  }
  return [...out.values()];
}
