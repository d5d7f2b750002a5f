/**
 * @waypoint/redaction: find every person, place and identifier in a case review and pseudonymise
 * them consistently.
 *
 * @example
 * import { detect, render, residualRisk } from '@waypoint/redaction';
 * const { spans, entities } = detect(text, { cast, policy: { dates: 'month-year' } });
 * const { text: redacted, replaced } = render(text, spans);
 * const risk = residualRisk(redacted, replaced);
 */
export { detect, detectAsync, type DetectOptions, type DetectResult } from './detect.ts';
export { pseudonymise, shape, type PseudonymiseOptions } from './pseudonymise.ts';
export { applyDecisions, parseDecisions, DecisionError, type Decision } from './decisions.ts';
export { residualRisk, type RiskItem, type RiskKind, type RiskReport } from './risk.ts';
export { render, checkSpans, SpanError, type Rendered } from './render.ts';
export { readInput, InputError } from './input.ts';
export {
  parseCast,
  CastError,
  PERSON_ROLES,
  PLACE_KINDS,
  type Cast,
  type CastPerson,
  type CastPlace,
  type CastIdentifier,
  type PersonRole,
  type PlaceKind,
} from './cast.ts';
export {
  parsePolicy,
  PolicyError,
  DEFAULT_POLICY,
  type Policy,
  type DatePolicy,
  type AgePolicy,
} from './policy.ts';
export { buildAllowList, BUILTIN_ALLOW, type AllowList } from './allow-list.ts';
export { generaliseDate, generaliseAge, ageBand } from './generalise.ts';
export { resolveOverlaps } from './resolve.ts';
export { tokenize, type Token } from './tokens.ts';
export { detectPatterns } from './detectors/patterns.ts';
export { detectCast } from './detectors/cast.ts';
export { detectUncast } from './detectors/names.ts';
export { createOnnxDetector, type OnnxDetectorOptions, type OnnxRuntime } from './detectors/onnx.ts';
export type { Detector, DetectorInput } from './detector.ts';
/** A marked-up span of a generated corpus (offsets, type, whether it is of the cast, its entity). */
export type { GoldSpan } from './corpus/builder.ts';
export {
  SPAN_TYPES,
  type Detection,
  type Entity,
  type Span,
  type SpanType,
  type SpansFile,
} from './types.ts';

import { detect, type DetectOptions } from './detect.ts';
import { render } from './render.ts';
import { residualRisk, type RiskReport } from './risk.ts';
import { buildAllowList } from './allow-list.ts';
import type { Span } from './types.ts';

/**
 * Detects and applies in one call: the redacted text, the spans behind it and the residual risk.
 * @example
 * const { text, risk } = redact('Jayden lives in Leeds.', { cast });
 */
export function redact(
  input: string,
  opts: DetectOptions = {},
): { text: string; spans: Span[]; risk: RiskReport } {
  const { spans } = detect(input, opts);
  const out = render(input, spans);
  return {
    text: out.text,
    spans,
    risk: residualRisk(out.text, out.replaced, buildAllowList(opts.policy?.allow ?? [])),
  };
}
