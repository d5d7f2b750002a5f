/** The detection pipeline: cast and patterns, then people and places outside the cast, then pseudonyms. */
import { buildAllowList, PSEUDONYM } from './allow-list.ts';
import type { Cast } from './cast.ts';
import type { Detector } from './detector.ts';
import { buildCastIndex } from './detectors/cast-index.ts';
import { detectCastIdentifiers } from './detectors/cast-identifiers.ts';
import { detectCast } from './detectors/cast.ts';
import { parseDate } from './detectors/dates.ts';
import { detectInitials } from './detectors/initials.ts';
import { detectUncast } from './detectors/names.ts';
import { combineNames, DOUBT_MARGIN, SURE_RULES } from './model/combine.ts';
import { getNameModel } from './model/name-model.ts';
import { maskAllowed } from './model/mask.ts';
import { modelDetections } from './model/tagger.ts';
import type { Weights } from './model/perceptron.ts';
import { detectPatterns } from './detectors/patterns.ts';
import { dropNonNames, withTitles } from './detectors/titles.ts';
import { detectAddressForms } from './detectors/address-forms.ts';
import { moreMentions } from './detectors/mentions.ts';
import { withNameParts } from './detectors/name-parts.ts';
import { dropNotNames } from './detectors/not-names.ts';
import { parsePolicy, type Policy } from './policy.ts';
import { pseudonymise } from './pseudonymise.ts';
import { resolveOverlaps } from './resolve.ts';
import { tokenize } from './tokens.ts';
import type { Detection, Entity, Span } from './types.ts';

export interface DetectOptions {
  cast?: Cast;
  /** A full or partial policy; defaults fill the rest. */
  policy?: Partial<Policy>;
  /** Extra detectors (e.g. a local ONNX model); `detect` needs them synchronous, `detectAsync` does not. */
  detectors?: Detector[];
  /** Called after each stage with a fraction from 0 to 1. */
  onProgress?: (fraction: number, stage: string) => void;
  /** Weights of the learned name detector (default: the ones shipped in `data/name-model.js`). */
  nameWeights?: Weights;
  /** How narrowly the model must reject a rule's person for it to stand (for validation; default `DOUBT_MARGIN`). */
  doubtMargin?: number;
}

export interface DetectResult {
  spans: Span[];
  entities: Entity[];
}

/**
 * Finds everything to redact in `text` and proposes a consistent pseudonym for each mention.
 * @example
 * const { spans } = detect('Jayden\'s mother, Mrs Smith, said…', {
 *   cast: { people: [{ id: 'c', role: 'child', names: ['Jayden Smith'] }, { id: 'm', role: 'mother', names: ['Kerry Smith'] }] },
 * });
 * spans[0]; // { start: 0, end: 6, type: 'PERSON', text: 'Jayden', entity: 'e1', replacement: 'Child A', detector: 'cast', confidence: 1 }
 */
export function detect(text: string, opts: DetectOptions = {}): DetectResult {
  const extra: Detection[] = [];
  const tokens = tokenize(text);
  for (const d of opts.detectors ?? []) {
    const r = d.detect({ text, tokens });
    if (r instanceof Promise) throw new Error(`detector ${d.name} is asynchronous: use detectAsync`);
    extra.push(...r);
  }
  return run(text, tokens, opts, extra);
}

/**
 * As `detect`, awaiting asynchronous extra detectors such as an ONNX model.
 * @example
 * await detectAsync(text, { cast, detectors: [createOnnxDetector({ … })] });
 */
export async function detectAsync(text: string, opts: DetectOptions = {}): Promise<DetectResult> {
  const tokens = tokenize(text);
  const extra = (
    await Promise.all((opts.detectors ?? []).map(async (d) => d.detect({ text, tokens })))
  ).flat();
  return run(text, tokens, opts, extra);
}

function run(
  text: string,
  tokens: ReturnType<typeof tokenize>,
  opts: DetectOptions,
  extra: Detection[],
): DetectResult {
  const policy = parsePolicy(opts.policy ?? {});
  const cast = opts.cast ?? { people: [] };
  const progress = opts.onProgress ?? ((): void => undefined);
  progress(0.1, 'tokens');
  const stages = detectStages(
    text,
    tokens,
    cast,
    policy,
    extra,
    progress,
    opts.nameWeights,
    opts.doubtMargin,
  );
  // Low-confidence detections go before overlaps are resolved, so none can displace a surer one.
  const dets = resolveOverlaps(
    [...stages.known, ...stages.names].filter((d) => d.confidence >= policy.minConfidence),
    text,
  );
  const result = pseudonymise(text, joinRelatives(text, dets), { cast, policy });
  progress(1, 'pseudonyms');
  return result;
}

/** People whose rule is sure of its context stand whatever the shape of their word. */
const KEEP_SHAPE: ReadonlySet<string> = new Set([...SURE_RULES, 'names:deny']);

/** The detections of each stage, before overlaps are resolved. */
export interface Stages {
  /** Cast, identifier patterns, dates, ages and extra detectors. */
  known: Detection[];
  /** Tokens inside a `known` span (1) or not (0). */
  covered: Uint8Array;
  /** People, places and organisations outside the cast found by the rules. */
  rules: Detection[];
  /** The same found by the chosen method (`policy.names`). */
  names: Detection[];
}

/**
 * Runs every detector: the cast and patterns first, then names outside the cast on the words they
 * left, by the rules, the learned model reading the rules, or both (`policy.names`).
 * @example
 * detectStages(text, tokenize(text), cast, parsePolicy({})).names;
 */
export function detectStages(
  text: string,
  tokens: ReturnType<typeof tokenize>,
  cast: Cast,
  policy: Policy,
  extra: Detection[] = [],
  progress: (fraction: number, stage: string) => void = () => undefined,
  weights: Weights = getNameModel(),
  doubtMargin = DOUBT_MARGIN,
): Stages {
  const allow = buildAllowList(policy.allow);
  // Initials that are also agency or role abbreviations ("GP", "SW") stay.
  const castDets = [
    ...detectCast(text, tokens, cast, buildCastIndex(cast)),
    ...detectCastIdentifiers(text, cast),
  ].filter((d) => d.detector !== 'cast:initials' || !allow.has(text.slice(d.start, d.end)));
  progress(0.3, 'cast');
  const patternDets = detectPatterns(text).filter((d) => !isAllowed(text, d, allow));
  linkDobs(text, patternDets, cast);
  progress(0.5, 'patterns');
  const known = [...castDets, ...patternDets, ...extra];
  // Words inside a cast or pattern span are not looked at again.
  const mask = new Uint8Array(text.length);
  for (const d of known) mask.fill(1, d.start, d.end);
  const covered = new Uint8Array(tokens.length);
  for (const t of tokens) if (mask[t.start] || mask[t.end - 1]) covered[t.i] = 1;
  if (!policy.detectUncast) return { known, covered, rules: [], names: [] };
  // Initials first: their letters are not names of their own ("T" of "T.B.").
  const initials = detectInitials(text, mask, allow);
  const taken = mask.slice();
  for (const d of initials) taken.fill(1, d.start, d.end);
  const uncast = detectUncast(text, tokens, covered, { allow, deny: policy.deny }).filter((d) => {
    for (let k = d.start; k < d.end; k++) if (taken[k] && !mask[k]) return false;
    return true;
  });
  const rules = [...uncast, ...initials].filter((d) => !isAllowed(text, d, allow));
  // Citations, salutations, signatures and vocatives: names by the form of the writing, sure of
  // their context, so joined to the rules after the model has read them (its features stay).
  const forms = detectAddressForms(text, taken, allow).filter((d) => !isAllowed(text, d, allow));
  progress(0.7, 'names');
  let names = [...rules, ...forms];
  if (policy.names !== 'rules') {
    const forModel = maskAllowed(text, tokens, covered, allow);
    const model = modelDetections(text, tokens, forModel, rules, weights);
    model.detections = model.detections.filter((d) => !isAllowed(text, d, allow));
    names = combineNames(text, tokens, covered, names, model, policy.names, allow, doubtMargin);
  }
  progress(0.8, 'model');
  names = dropNotNames(text, tokens, withNameParts(text, names, allow), KEEP_SHAPE);
  names = [...names, ...moreMentions(text, tokens, [...known, ...names], allow)];
  return { known, covered, rules, names: dropNonNames(text, withTitles(text, tokens, names)) };
}

/**
 * "Gaz Ashworth" where the cast has only Dean Ashworth: a first name outside the cast straight
 * before a cast surname is a relative nobody listed, one person with one pseudonym of their own.
 * @example
 * joinRelatives(text, resolveOverlaps(dets, text));
 */
export function joinRelatives(text: string, dets: Detection[]): Detection[] {
  const out: Detection[] = [];
  for (let i = 0; i < dets.length; i++) {
    const a = dets[i]!;
    const b = dets[i + 1];
    if (
      b &&
      a.type === 'PERSON' &&
      !a.castId &&
      !a.detector.startsWith('cast') &&
      !a.detector.includes('title') &&
      !a.detector.includes('initials') &&
      b.kind === 'surname' &&
      b.castId &&
      /^ \r?\n?$|^\r?\n$/.test(text.slice(a.end, b.start)) &&
      !/\s/.test(text.slice(a.start, a.end))
    ) {
      out.push({
        start: a.start,
        end: b.end,
        type: 'PERSON',
        detector: 'names:relative',
        confidence: Math.min(a.confidence, 0.9),
        key: `${text.slice(a.start, a.end)} ${text.slice(b.start, b.end)}`
          .toLowerCase()
          .replace(/['’]s$/, ''),
      });
      i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** Types no allowed word or phrase can be: numbers, dates, addresses (checked per span, so skipped). */
const NEVER_ALLOWED = new Set(['DATE', 'AGE', 'NHS_NUMBER', 'PHONE', 'EMAIL', 'POSTCODE']);

/** On the allow-list, or (for names) one of the review's own pseudonyms ("Child A", "School 1"). */
function isAllowed(text: string, d: Detection, allow: ReturnType<typeof buildAllowList>): boolean {
  if (d.detector === 'names:everyday' || NEVER_ALLOWED.has(d.type)) return false;
  const s = text.slice(d.start, d.end);
  const isName = d.type === 'PERSON' || d.type === 'PLACE' || d.type === 'ORGANISATION';
  return allow.has(s) || (isName && PSEUDONYM.test(s));
}

const dobMemo = new WeakMap<Cast, { dobs: Map<string, string>; years: string[] }>();

/** The cast's dates of birth and their years (four and two digits), once per cast object. */
function castDobs(cast: Cast): { dobs: Map<string, string>; years: string[] } {
  let memo = dobMemo.get(cast);
  if (!memo) {
    const dobs = new Map<string, string>();
    for (const p of cast.people) if (p.dob) dobs.set(p.dob, p.id);
    const years = [...new Set([...dobs.keys()].flatMap((iso) => [iso.slice(0, 4), iso.slice(2, 4)]))];
    dobMemo.set(cast, (memo = { dobs, years }));
  }
  return memo;
}

/** A date equal to a cast date of birth is the cast's: detector `cast:dob`, confidence 1. */
function linkDobs(text: string, dets: Detection[], cast: Cast): void {
  const { dobs, years } = castDobs(cast);
  if (dobs.size === 0) return;
  for (const d of dets) {
    if (d.type !== 'DATE') continue;
    const t = text.slice(d.start, d.end);
    if (!years.some((y) => t.includes(y))) continue;
    const p = parseDate(t);
    if (!p?.year || !p.day) continue;
    const iso = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
    if (dobs.has(iso)) {
      d.detector = 'cast:dob';
      d.confidence = 1;
    }
  }
}
