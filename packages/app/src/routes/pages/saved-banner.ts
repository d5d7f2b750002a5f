/**
 * The success banner after saving: the URL names which thing was saved, from a closed list of
 * keys (a step's kind, or one of a few fixed ones); the words are always ours. Any other value
 * shows no banner, so a link can never choose the words on the page.
 */
import { findStep } from '../../journey/steps/index.ts';

const fixed: Record<string, string> = {
  'note-updated': 'Case note updated',
  document: 'Document added',
  allocation: 'Allocation saved',
  'involvement-linked': 'Involvement linked to this record',
};

/** The banner text for a `?recorded=` key, or null for none. */
export function savedBanner(key: unknown): string | null {
  if (typeof key !== 'string') return null;
  if (Object.hasOwn(fixed, key)) return fixed[key] ?? null;
  const step = findStep(key);
  return step === undefined ? null : (step.done ?? `Saved: ${step.title}`);
}
