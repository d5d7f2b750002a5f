/** Reviewer decisions on proposed spans: accept, reject, add a span, merge two entities, rename one. */
import { Counter, PLACE_LABEL, placeholder } from './labels.ts';
import { DEFAULT_POLICY, type Policy } from './policy.ts';
import { shape } from './pseudonymise.ts';
import { checkSpans } from './render.ts';
import { SPAN_TYPES, type Entity, type Span, type SpanType, type SpansFile } from './types.ts';

export type Decision =
  | { action: 'accept'; start?: number; end?: number; entity?: string }
  | { action: 'reject'; start?: number; end?: number; entity?: string }
  | { action: 'add'; start: number; end: number; type: SpanType; entity?: string; replacement?: string }
  | { action: 'merge'; from: string; into: string }
  | { action: 'rename'; entity: string; replacement: string };

/** A decisions file that cannot be applied. */
export class DecisionError extends Error {
  override name = 'DecisionError';
}

/**
 * Checks a parsed `decisions.json` (`{"decisions":[…]}` or a bare array).
 * @throws DecisionError naming the first bad decision.
 */
export function parseDecisions(raw: unknown): Decision[] {
  const list = Array.isArray(raw) ? raw : (raw as { decisions?: unknown } | null)?.decisions;
  if (!Array.isArray(list)) throw new DecisionError('decisions must be an array or {"decisions": [...]}');
  return list.map((d: unknown, i): Decision => {
    const x = d as Record<string, unknown>;
    const at = `decisions[${i}]`;
    const num = (k: string): boolean => typeof x[k] === 'number';
    switch (x?.action) {
      case 'accept':
      case 'reject':
        if (!(num('start') && num('end')) && typeof x.entity !== 'string')
          throw new DecisionError(`${at} needs start and end, or entity`);
        return x as Decision;
      case 'add':
        if (!num('start') || !num('end') || !SPAN_TYPES.includes(x.type as SpanType))
          throw new DecisionError(`${at} needs start, end and a type (${SPAN_TYPES.join(', ')})`);
        return x as Decision;
      case 'merge':
        if (typeof x.from !== 'string' || typeof x.into !== 'string')
          throw new DecisionError(`${at} needs from and into entity ids`);
        return x as Decision;
      case 'rename':
        if (typeof x.entity !== 'string' || typeof x.replacement !== 'string')
          throw new DecisionError(`${at} needs entity and replacement`);
        return x as Decision;
      default:
        throw new DecisionError(`${at}.action must be accept, reject, add, merge or rename`);
    }
  });
}

const LABEL: Partial<Record<SpanType, string>> = {
  PERSON: 'Person',
  PLACE: PLACE_LABEL.other,
  ORGANISATION: 'Organisation',
  ADDRESS: PLACE_LABEL.address,
};

/**
 * Applies decisions in order and returns the new spans and entities, ready to render.
 * Added spans replace any proposed span they overlap; merged spans take the target's pseudonym.
 * @example
 * applyDecisions(input, spansFile, [{ action: 'merge', from: 'e9', into: 'e2' }, { action: 'reject', start: 120, end: 126 }]);
 */
export function applyDecisions(
  input: string,
  file: SpansFile,
  decisions: readonly Decision[],
  policy: Policy = DEFAULT_POLICY,
): SpansFile {
  checkSpans(input, file.spans);
  let spans = file.spans.map((s) => ({ ...s }));
  const entities = new Map<string, Entity>((file.entities ?? []).map((e) => [e.id, { ...e }]));
  for (const s of spans)
    if (!entities.has(s.entity))
      entities.set(s.entity, { id: s.entity, type: s.type, replacement: s.replacement, label: s.text });
  const counter = new Counter();
  for (const e of entities.values()) counter.seen(e.replacement);
  let nextId = Math.max(0, ...[...entities.keys()].map((k) => Number(/^e(\d+)$/.exec(k)?.[1] ?? 0))) + 1;
  const hits = (s: Span, d: { start?: number; end?: number; entity?: string }): boolean =>
    d.entity !== undefined ? s.entity === d.entity : s.start === d.start && s.end === d.end;
  // A span that took in a trailing apostrophe ("James'") gives it back before it is shaped again.
  const reshape = (s: Span, base: string): Span => {
    const t =
      s.type === 'PERSON' && /s['’]$/i.test(s.text) ? { ...s, end: s.end - 1, text: s.text.slice(0, -1) } : s;
    return shape(input, { ...t, replacement: base });
  };
  for (const d of decisions) {
    switch (d.action) {
      case 'accept':
        spans = spans.map((s) => (hits(s, d) ? { ...s, status: 'accepted' } : s));
        break;
      case 'reject':
        spans = spans.filter((s) => !hits(s, d));
        break;
      case 'add': {
        if (d.start < 0 || d.end > input.length || d.end <= d.start)
          throw new DecisionError(`add ${d.start}-${d.end} is outside the input`);
        let e = d.entity ? entities.get(d.entity) : undefined;
        if (!e) {
          const id = d.entity ?? `e${nextId++}`;
          const replacement =
            d.replacement ??
            (LABEL[d.type]
              ? counter.take(LABEL[d.type]!)
              : placeholder(d.type, undefined, policy.placeholders));
          e = { id, type: d.type, replacement, label: input.slice(d.start, d.end) };
          entities.set(id, e);
        }
        spans = spans.filter((s) => s.end <= d.start || s.start >= d.end);
        const added: Span = {
          start: d.start,
          end: d.end,
          type: d.type,
          text: input.slice(d.start, d.end),
          entity: e.id,
          replacement: d.replacement ?? e.replacement,
          detector: 'reviewer',
          confidence: 1,
          status: 'added',
        };
        spans.push(shape(input, added));
        break;
      }
      case 'merge': {
        const into = entities.get(d.into);
        if (!into) throw new DecisionError(`merge into unknown entity ${d.into}`);
        if (!entities.has(d.from)) throw new DecisionError(`merge from unknown entity ${d.from}`);
        spans = spans.map((s) =>
          s.entity === d.from ? reshape({ ...s, entity: d.into }, into.replacement) : s,
        );
        entities.delete(d.from);
        break;
      }
      case 'rename': {
        const e = entities.get(d.entity);
        if (!e) throw new DecisionError(`rename of unknown entity ${d.entity}`);
        e.replacement = d.replacement;
        spans = spans.map((s) =>
          s.entity === d.entity && s.type !== 'DATE' && s.type !== 'AGE' ? reshape(s, d.replacement) : s,
        );
        break;
      }
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const used = new Set(spans.map((s) => s.entity));
  return { spans, entities: [...entities.values()].filter((e) => used.has(e.id)) };
}
