/**
 * Redaction that knows the case, with `@waypoint/redaction`: the latest report version is checked
 * against the review's cast (built from the record, plus reviewers' additions) under the review's
 * date and age policies; the reviewers' saved decisions are then applied. A decision on one span
 * is anchored by its text and the words around it, so it survives edits: it is re-anchored where
 * the same text stands in the same context, or flagged when the text under it changed. Decisions
 * on a person or place are keyed by who it is (the cast id, or the first mention), so they hold
 * in every version and every document of the review. The publishable text is re-checked each time.
 */
import { createHash } from 'node:crypto';
import {
  applyDecisions,
  buildAllowList,
  DEFAULT_POLICY,
  detect,
  parseCast,
  render,
  residualRisk,
  type Cast,
  type Decision,
  type Entity,
  type Policy,
  type Span,
} from '@waypoint/redaction';
import type { Selectable } from 'kysely';
import type { Tx } from '../db/tenant.ts';
import type { LearningReviewTables } from '../db/schema-learning-reviews.ts';
import type { ReviewCaller, ReviewRow } from './access.ts';
import { buildCast } from './cast.ts';
import { latestDraft, type Draft } from './drafts.ts';
import { contextOf, reanchor } from '../redaction-review/span-anchors.ts';
import { reviewRisks, type ReviewRisk } from './risk.ts';

type DecisionRow = Selectable<LearningReviewTables['review_redaction_decisions']>;

/** The key of an entity that holds across versions: its cast id, or its first mention. */
export const entityKey = (e: Pick<Entity, 'castId' | 'label'>): string =>
  e.castId !== undefined ? `cast:${e.castId}` : `text:${e.label.toLowerCase()}`;

const detections = new Map<string, { spans: Span[]; entities: Entity[] }>();
/** Detection is the slow step: kept per review, version, cast and policy (the last 20). */
function detectCached(key: string, body: string, cast: Cast, policy: Partial<Policy>) {
  const hit = detections.get(key);
  if (hit !== undefined) return hit;
  const result = detect(body, { cast, policy });
  detections.set(key, result);
  if (detections.size > 20) detections.delete(detections.keys().next().value!);
  return result;
}

export interface FlaggedDecision {
  id: string;
  action: string;
  text: string;
  version: number;
  by: string;
}

export interface ReviewedSpan extends Span {
  key: string;
  pending: boolean;
  before: string;
  after: string;
}

export interface RedactionState {
  review: ReviewRow;
  draft: Draft;
  cast: Cast;
  policy: Partial<Policy>;
  spans: ReviewedSpan[];
  entities: (Entity & { key: string; mentions: number; pending: number })[];
  flagged: FlaggedDecision[];
  redacted: string;
  risks: (ReviewRisk & { resolution: { resolution: string; reason: string; by: string } | null })[];
  /** Why the text cannot be published now; empty when it can. */
  problems: string[];
}

/** Whole-word occurrences of `text` in `body` (for a span added by naming its text). */
function occurrences(body: string, text: string): number[] {
  const out: number[] = [];
  const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  for (let at = body.indexOf(text); at !== -1; at = body.indexOf(text, at + text.length))
    if (!isWord(body[at - 1]) && !isWord(body[at + text.length])) out.push(at);
  return out;
}

/** The review's policies as the library's. */
export const policyOf = (review: ReviewRow): Partial<Policy> => ({
  dates: review.date_policy,
  ages: review.age_policy,
});

/** Turns the saved decisions into the library's, against this version of the text. */
function toLibrary(
  body: string,
  detected: { spans: Span[]; entities: Entity[] },
  rows: readonly DecisionRow[],
): { decisions: Decision[]; flagged: DecisionRow[] } {
  const byKey = new Map(detected.entities.map((e) => [entityKey(e), e.id]));
  const decisions: Decision[] = [];
  const flagged: DecisionRow[] = [];
  const taken: [number, number][] = [];
  for (const d of rows) {
    const entity = d.entity_label === null ? undefined : byKey.get(d.entity_label);
    switch (d.action) {
      case 'accept':
      case 'reject': {
        if (d.entity_label === '*') {
          for (const id of byKey.values()) decisions.push({ action: 'accept', entity: id });
          for (const t of rows.filter((r) => r.action === 'add' && r.decided_at <= d.decided_at))
            decisions.push({ action: 'accept', entity: `added-${t.id}` });
        } else if (d.entity_label !== null) {
          if (entity !== undefined) decisions.push({ action: d.action, entity });
        } else {
          const at = reanchor(body, d);
          if (at === null) flagged.push(d);
          else decisions.push({ action: d.action, start: at, end: at + (d.span_text ?? '').length });
        }
        break;
      }
      case 'add': {
        const text = d.span_text ?? '';
        for (const at of occurrences(body, text)) {
          if (taken.some(([s, e]) => at < e && at + text.length > s)) continue;
          taken.push([at, at + text.length]);
          decisions.push({
            action: 'add',
            start: at,
            end: at + text.length,
            type: (d.span_type ?? 'PERSON') as Span['type'],
            entity: `added-${d.id}`,
            ...(d.replacement === null ? {} : { replacement: d.replacement }),
          });
        }
        break;
      }
      case 'merge': {
        const into = d.into_label === null ? undefined : byKey.get(d.into_label);
        if (entity !== undefined && into !== undefined && entity !== into) {
          decisions.push({ action: 'merge', from: entity, into });
          byKey.set(d.entity_label!, into);
        }
        break;
      }
      case 'relabel':
        if (entity !== undefined && d.replacement !== null)
          decisions.push({ action: 'rename', entity, replacement: d.replacement });
        break;
    }
  }
  return { decisions, flagged };
}

/** The words of cast names, identifiers and addresses that must not survive into the published text. */
function castLeaks(cast: Cast, text: string): string[] {
  const words = new Set<string>();
  for (const p of cast.people) {
    for (const n of [...p.names, ...(p.aliases ?? []), ...(p.nicknames ?? [])])
      for (const w of n.split(/\s+/)) if (w.length >= 3) words.add(w);
    for (const id of [p.nhsNumber, ...(p.ids ?? [])]) if (id !== undefined) words.add(id);
  }
  for (const pl of cast.places ?? []) {
    if (pl.postcode !== undefined) words.add(pl.postcode);
    if (pl.names[0] !== undefined && pl.names[0].length >= 6) words.add(pl.names[0]);
  }
  for (const i of cast.identifiers ?? []) words.add(i.value);
  const lower = text.toLowerCase();
  const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  return [...words].filter((w) => {
    const l = w.toLowerCase();
    for (let at = lower.indexOf(l); at !== -1; at = lower.indexOf(l, at + 1))
      if (!isWord(lower[at - 1]) && !isWord(lower[at + l.length])) return true;
    return false;
  });
}

/**
 * The redaction of the latest version: spans with their state, entities, flagged decisions, the
 * redacted text, its risks and why it cannot yet be published. Null before the first version.
 */
export async function redactionOf(
  tx: Tx,
  caller: ReviewCaller,
  review: ReviewRow,
): Promise<RedactionState | null> {
  const draft = await latestDraft(tx, review.id);
  if (draft === null) return null;
  const cast = parseCast(await buildCast(tx, caller, review));
  const policy = policyOf(review);
  const hash = createHash('sha256')
    .update(JSON.stringify([cast, policy, draft.body.length]))
    .digest('hex');
  const detected = detectCached(`${review.id}:${draft.version}:${hash}`, draft.body, cast, policy);
  const rows = await tx
    .selectFrom('review_redaction_decisions')
    .selectAll()
    .where('review_id', '=', review.id)
    .orderBy('decided_at')
    .orderBy('id')
    .execute();
  const { decisions, flagged } = toLibrary(draft.body, detected, rows);
  const reviewed = applyDecisions(draft.body, detected, decisions, { ...DEFAULT_POLICY, ...policy });
  const entities = new Map((reviewed.entities ?? []).map((e) => [e.id, e]));
  const keyOf = (id: string) => {
    const e = entities.get(id);
    return e === undefined ? id : id.startsWith('added-') ? `added:${id}` : entityKey(e);
  };
  const spans: ReviewedSpan[] = reviewed.spans.map((s) => ({
    ...s,
    key: keyOf(s.entity),
    pending: s.status === undefined,
    ...contextOf(draft.body, s.start, s.end),
  }));
  const out = render(draft.body, reviewed.spans);
  const report = residualRisk(out.text, out.replaced, buildAllowList([]));
  const resolutions = await tx
    .selectFrom('review_risk_resolutions as r')
    .innerJoin('users as u', 'u.id', 'r.decided_by')
    .select(['r.item_key', 'r.resolution', 'r.reason', 'u.name'])
    .where('r.review_id', '=', review.id)
    .execute();
  const risks = reviewRisks(out.text, report).map((r) => {
    const res = resolutions.find((x) => x.item_key === r.key);
    return {
      ...r,
      resolution: res === undefined ? null : { resolution: res.resolution, reason: res.reason, by: res.name },
    };
  });
  const pending = spans.filter((s) => s.pending).length;
  // Checked outside the replacements ("the social worker" is not Sam Worker's surname left behind).
  const parts: string[] = [];
  let at = 0;
  for (const [a, b] of out.replaced) {
    parts.push(out.text.slice(at, a), ' '.repeat(b - a));
    at = b;
  }
  const masked = parts.join('') + out.text.slice(at);
  const leaks = castLeaks(cast, masked);
  const open = risks.filter((r) => r.resolution === null).length;
  const problems = [
    ...(pending > 0
      ? [
          `${pending} proposed ${pending === 1 ? 'redaction is' : 'redactions are'} not yet accepted or rejected`,
        ]
      : []),
    ...(leaks.length > 0
      ? [
          `The text still contains ${leaks.length === 1 ? 'a name, identifier or address' : 'names, identifiers or addresses'} of the cast: ${leaks.slice(0, 10).join(', ')}`,
        ]
      : []),
    ...(open > 0
      ? [`${open} residual ${open === 1 ? 'risk is' : 'risks are'} not yet resolved or accepted`]
      : []),
  ];
  const users = new Map(
    (
      await tx
        .selectFrom('users')
        .select(['id', 'name'])
        .where('id', 'in', flagged.length === 0 ? [caller.actor.userId] : flagged.map((f) => f.decided_by))
        .execute()
    ).map((u) => [u.id, u.name]),
  );
  return {
    review,
    draft,
    cast,
    policy,
    spans,
    entities: [...entities.values()].map((e) => ({
      ...e,
      key: keyOf(e.id),
      mentions: spans.filter((s) => s.entity === e.id).length,
      pending: spans.filter((s) => s.entity === e.id && s.pending).length,
    })),
    flagged: flagged.map((f) => ({
      id: f.id,
      action: f.action,
      text: f.span_text ?? '',
      version: f.draft_version,
      by: users.get(f.decided_by) ?? '',
    })),
    redacted: out.text,
    risks,
    problems,
  };
}
