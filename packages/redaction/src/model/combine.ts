/** How the learned model's names and the rules' names make one set (`policy.names`). */
import type { AllowList } from '../allow-list.ts';
import { propagate } from '../detectors/names.ts';
import { isOrdinaryWord } from '../lexicon.ts';
import type { Token } from '../tokens.ts';
import type { Detection } from '../types.ts';
import type { ModelResult } from './tagger.ts';

export { NAME_METHODS, type NameMethod } from './methods.ts';
import type { NameMethod } from './methods.ts';

/** Rule detections sure enough to stand where the model found nothing (the deny list aside). */
export const SURE_RULES: ReadonlySet<string> = new Set([
  'names:title',
  'names:citation',
  'names:vocative',
  'names:facility',
  'names:initials',
  'names:everyday',
  'names:kin',
]);
/** Sure rules that give way to a longer name the model found around them. */
const YIELDING = new Set(['names:citation', 'names:vocative']);
/**
 * A rule's person stands where the model said "no name" by less than this margin (chosen on the
 * validation fold of the GUM training part, never on the held-back part).
 */
export const DOUBT_MARGIN = 9;

/**
 * `model`: the model's detections (it reads the rules' as features); `combined`: those plus the
 * rule detections the model did not overlap that are sure (titles, facilities) or are people the
 * model rejected only narrowly. The policy's deny list wins over both.
 * Either way every later capitalised mention of a name found is a mention too.
 * @example
 * combineNames(text, tokens, covered, rules, model, 'combined', allow);
 */
export function combineNames(
  text: string,
  tokens: readonly Token[],
  covered: Uint8Array,
  rules: readonly Detection[],
  model: ModelResult,
  method: NameMethod,
  allow: AllowList,
  doubtMargin = DOUBT_MARGIN,
): Detection[] {
  if (method === 'rules') return [...rules];
  // The policy's deny list always wins.
  const denied = rules.filter((d) => d.detector === 'names:deny');
  const mask = new Uint8Array(text.length);
  for (const d of denied) mask.fill(1, d.start, d.end);
  const overlaps = (d: Detection): boolean => {
    for (let k = d.start; k < d.end; k++) if (mask[k]) return true;
    return false;
  };
  // Combined: the sure rules (titles, facilities, initials, everyday words by context) stand first.
  // A citation or vocative is one word; a longer name the model found around it ("Douglas
  // Babstock et al.") is the same person, whole.
  let around: Map<number, Detection> | undefined;
  const inModel = (d: Detection): boolean => {
    if (!YIELDING.has(d.detector)) return false;
    if (!around) {
      around = new Map();
      for (const m of model.detections) for (let k = m.start; k < m.end; k++) around.set(k, m);
    }
    const m = around.get(d.start);
    return m !== undefined && d.end <= m.end && m.end - m.start > d.end - d.start;
  };
  const sure =
    method === 'combined'
      ? rules.filter((d) => SURE_RULES.has(d.detector) && !overlaps(d) && !inModel(d))
      : [];
  for (const d of sure) mask.fill(1, d.start, d.end);
  const out = [...denied, ...sure, ...model.detections.filter((d) => !overlaps(d))];
  if (method === 'combined') {
    for (const d of model.detections) mask.fill(1, d.start, d.end);
    let k = 0;
    for (const d of [...rules].sort((a, b) => a.start - b.start)) {
      if (d.detector === 'names:deny' || overlaps(d)) continue;
      while (k < tokens.length && tokens[k]!.end <= d.start) k++;
      let doubt = true;
      for (let j = k; j < tokens.length && tokens[j]!.start < d.end; j++)
        if (model.outside[j]! >= doubtMargin) doubt = false;
      if (!SURE_RULES.has(d.detector) && d.type === 'PERSON' && doubt) out.push(d);
    }
  }
  const lowerSeen = new Set<string>();
  for (const t of tokens) if (!t.isCap) lowerSeen.add(t.lower);
  const ordinary = (t: Token): boolean => isOrdinaryWord(t.lower) || lowerSeen.has(t.lower);
  return propagate(text, tokens as Token[], covered, out, ordinary, allow);
}
