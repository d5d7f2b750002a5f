/**
 * Builds narrative text piece by piece while marking the personal data in it (people, places,
 * dates, ages, identifiers) with the redaction library's own span type (`GoldSpan` of
 * `@waypoint/redaction`, the format of its development corpus): JavaScript string offsets, a type,
 * whether the entity is in the family's cast, and the generator's key for it.
 */
import type { GoldSpan, SpanType } from '@waypoint/redaction';

export type { GoldSpan, SpanType };

export interface MarkedText {
  text: string;
  gold: GoldSpan[];
}

/** January … December, from the platform's own English calendar. */
const MONTHS = Array.from({ length: 12 }, (_, m) =>
  new Date(Date.UTC(2000, m, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' }),
);
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A date as written in notes: "3 March 2026", "Tuesday 3 March", "03/03/2026". */
export function writtenDate(iso: string, style: 0 | 1 | 2): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  if (style === 2) return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
  if (style === 1) return `${DAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()]!} ${d} ${MONTHS[m - 1]!}`;
  return `${d} ${MONTHS[m - 1]!} ${y}`;
}

export class NoteBuilder {
  private readonly parts: string[] = [];
  private len = 0;
  private readonly gold: GoldSpan[] = [];

  text(s: string): this {
    this.parts.push(s);
    this.len += s.length;
    return this;
  }

  span(s: string, type: SpanType, entity: string, isCast = true): this {
    this.gold.push({ start: this.len, end: this.len + s.length, type, isCast, entity, text: s });
    return this.text(s);
  }

  /** Appends text already marked, moving its spans to where it lands. */
  append(m: MarkedText): this {
    for (const g of m.gold) this.gold.push({ ...g, start: g.start + this.len, end: g.end + this.len });
    return this.text(m.text);
  }

  get length(): number {
    return this.len;
  }

  build(): MarkedText {
    return { text: this.parts.join(''), gold: [...this.gold] };
  }
}

/** Joins marked texts with a separator, moving the spans of each by its offset. */
export function joinMarked(pieces: readonly MarkedText[], sep = '\n\n'): MarkedText {
  const b = new NoteBuilder();
  pieces.forEach((p, i) => {
    if (i > 0) b.text(sep);
    b.append(p);
  });
  return b.build();
}
