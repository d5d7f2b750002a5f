/**
 * Third parties taken out of a subject access bundle with `@waypoint/redaction`, the record as
 * its cast (cast.ts): every span the engine finds is given a proposal by the disclosure rule
 * (disclosed: the subject, the requester, their own details, professionals in their role; redacted:
 * everyone else the record names, and names nobody listed), then the data protection officer's
 * decisions, span by span, are applied (anchored by their text and context with the shared
 * `redaction-review/span-anchors.ts`, so a decision survives a change of the record elsewhere).
 * Dates, ages, organisations and places other than addresses are the subject's own information
 * and are not proposed.
 */
import { createHash } from 'node:crypto';
import { detect, type Entity, type Span, type SpanType } from '@waypoint/redaction';
import type { Selectable } from 'kysely';
import type { SubjectAccessTables } from '../db/schema-subject-access.ts';
import { contextOf, reanchor } from '../redaction-review/span-anchors.ts';
import type { Bundle, BundleSection } from './bundle.ts';
import { normaliseIdentifier, type SubjectCast } from './cast.ts';

type DecisionRow = Selectable<SubjectAccessTables['subject_access_decisions']> & { decided_by_name: string };

/** Types that are a third party's when nobody on the record owns them. */
const THIRD_PARTY_TYPES: ReadonlySet<SpanType> = new Set([
  'PERSON',
  'ADDRESS',
  'POSTCODE',
  'NHS_NUMBER',
  'PHONE',
  'EMAIL',
  'ID',
]);

export interface ReviewedSpan {
  start: number;
  end: number;
  text: string;
  type: SpanType;
  /** The engine's entity (one person, place or identifier) in this bundle version. */
  entity: string;
  /** How many spans of the bundle are that entity (its mentions). */
  mentions: number;
  /** What replaces it when redacted: "[Sibling 1]", "[phone number]". */
  replacement: string;
  /** The rule's proposal and why. */
  proposal: 'redact' | 'disclose';
  why: string;
  /** The officer's decision, when made. */
  decision: { action: 'redact' | 'disclose'; by: string; at: Date } | null;
  /** What the bundle does with it. */
  redacted: boolean;
  before: string;
  after: string;
}

export interface RedactedItem {
  heading: string;
  text: string;
}

export interface RedactedBundle {
  sections: { id: string; title: string; items: RedactedItem[] }[];
  spans: ReviewedSpan[];
  /** Decisions whose text is no longer in the record where it was. */
  flagged: { action: string; text: string; by: string }[];
  digest: string;
  leftOut: string[];
}

const detections = new Map<string, { spans: Span[]; entities: Entity[] }>();
/** Detection is the slow step: kept per bundle version and cast (the last 20). */
function detectCached(bundle: Bundle, cast: SubjectCast['cast'], allow: string[]) {
  const key = createHash('sha256')
    .update(JSON.stringify([cast, allow]))
    .update(bundle.digest)
    .digest('hex');
  const hit = detections.get(key);
  if (hit !== undefined) return hit;
  const result = detect(bundle.body, { cast, policy: { dates: 'keep', ages: 'keep', allow } });
  detections.set(key, result);
  if (detections.size > 20) detections.delete(detections.keys().next().value!);
  return result;
}

const bracketed = (r: string) => (/^\[.*\]$/.test(r) ? r : `[${r}]`);

/** The rule's proposal for one span, or null when it is not a third party's at all. */
function proposalOf(span: Span, entity: Entity | undefined, subjectCast: SubjectCast) {
  const castId = entity?.castId;
  const known = castId === undefined ? undefined : subjectCast.disclosure.get(castId);
  if (known !== undefined) return { proposal: known.redact ? 'redact' : 'disclose', why: known.why } as const;
  if (!THIRD_PARTY_TYPES.has(span.type)) return null;
  // An identifier or postcode found by its pattern that is the subject's or the requester's own.
  if (span.type !== 'PERSON' && subjectCast.ownIdentifiers.has(normaliseIdentifier(span.text)))
    return { proposal: 'disclose', why: 'their own details' } as const;
  return {
    proposal: 'redact',
    why:
      span.type === 'PERSON'
        ? 'a name the record does not list (found by the engine)'
        : "a third party's details",
  } as const;
}

/** The bundle with the rule's proposals and the officer's decisions applied. */
export function redactBundle(
  bundle: Bundle,
  subjectCast: SubjectCast,
  decisions: readonly DecisionRow[],
): RedactedBundle {
  const detected = detectCached(bundle, subjectCast.cast, subjectCast.organisations);
  const entities = new Map(detected.entities.map((e) => [e.id, e]));
  const spans: ReviewedSpan[] = [];
  for (const s of detected.spans) {
    const p = proposalOf(s, entities.get(s.entity), subjectCast);
    if (p === null) continue;
    spans.push({
      start: s.start,
      end: s.end,
      text: s.text,
      type: s.type,
      entity: s.entity,
      mentions: 0,
      replacement: bracketed(s.replacement),
      proposal: p.proposal,
      why: p.why,
      decision: null,
      redacted: p.proposal === 'redact',
      ...contextOf(bundle.body, s.start, s.end),
    });
  }
  const mentions = new Map<string, number>();
  for (const s of spans) mentions.set(s.entity, (mentions.get(s.entity) ?? 0) + 1);
  for (const s of spans) s.mentions = mentions.get(s.entity) ?? 1;
  const flagged: RedactedBundle['flagged'] = [];
  for (const d of decisions) {
    const at = reanchor(bundle.body, d);
    const span =
      at === null ? undefined : spans.find((s) => s.start === at && s.end === at + d.span_text.length);
    if (span === undefined) {
      flagged.push({ action: d.action, text: d.span_text, by: d.decided_by_name });
      continue;
    }
    span.decision = { action: d.action, by: d.decided_by_name, at: d.decided_at };
    span.redacted = d.action === 'redact';
  }
  return {
    sections: bundle.sections.map((s) => renderSection(bundle, s, spans)),
    spans,
    flagged,
    digest: bundle.digest,
    leftOut: bundle.leftOut,
  };
}

function renderSection(bundle: Bundle, section: BundleSection, spans: readonly ReviewedSpan[]) {
  return {
    id: section.id,
    title: section.title,
    items: section.items.map((item) => {
      const inside = spans
        .filter((s) => s.redacted && s.start < item.end && s.end > item.start)
        .sort((a, b) => a.start - b.start);
      let at = item.start;
      let out = '';
      for (const s of inside) {
        const from = Math.max(s.start, item.start);
        if (from < at) continue;
        out += bundle.body.slice(at, from) + s.replacement;
        at = Math.min(s.end, item.end);
      }
      out += bundle.body.slice(at, item.end);
      return { heading: item.heading, text: out };
    }),
  };
}
