/** Cast identifiers (NHS numbers, phones, emails, references) found in any spacing. */
import type { Cast } from '../cast.ts';
import type { Detection, SpanType } from '../types.ts';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern for a value that tolerates spaces or hyphens between its characters, and +44 for a leading 0. */
function flexible(value: string, type: SpanType): string {
  if (type === 'EMAIL') return escape(value.trim());
  const chars = value.replace(/[\s-]/g, '');
  let body = [...chars].map(escape).join('[\\s-]?');
  if (type === 'PHONE' && chars.startsWith('0')) body = `(?:0|\\+44\\s?(?:\\(0\\)\\s?)?)${[...chars.slice(1)].map(escape).join('[\\s-]?')}`;
  return body;
}

/**
 * Finds every identifier listed in the cast (on people or in `identifiers`).
 * @example
 * detectCastIdentifiers('Call 07700 900123', { people: [{ id: 'm', role: 'mother', names: ['A B'], phones: ['07700900123'] }] });
 */
export function detectCastIdentifiers(text: string, cast: Cast): Detection[] {
  const items: { type: SpanType; value: string; owner?: string }[] = [];
  for (const p of cast.people) {
    if (p.nhsNumber) items.push({ type: 'NHS_NUMBER', value: p.nhsNumber, owner: p.id });
    for (const v of p.phones ?? []) items.push({ type: 'PHONE', value: v, owner: p.id });
    for (const v of p.emails ?? []) items.push({ type: 'EMAIL', value: v, owner: p.id });
    for (const v of p.ids ?? []) items.push({ type: 'ID', value: v, owner: p.id });
  }
  for (const x of cast.identifiers ?? []) items.push({ type: x.type, value: x.value, ...(x.owner ? { owner: x.owner } : {}) });
  const out: Detection[] = [];
  for (const it of items) {
    if (it.value.replace(/[\s-]/g, '').length < 3) continue;
    const re = new RegExp(`(?<![\\w@])${flexible(it.value, it.type)}(?![\\w@])`, 'gi');
    for (const m of text.matchAll(re)) {
      out.push({ start: m.index, end: m.index + m[0].length, type: it.type, detector: 'cast:identifier', confidence: 1, ...(it.owner ? { key: `${it.type}:${it.value}` } : {}) });
    }
  }
  return out;
}
