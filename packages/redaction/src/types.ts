/** The kinds of sensitive text the engine finds. */
export const SPAN_TYPES = [
  'PERSON',
  'PLACE',
  'ADDRESS',
  'POSTCODE',
  'ORGANISATION',
  'DATE',
  'AGE',
  'NHS_NUMBER',
  'PHONE',
  'EMAIL',
  'ID',
] as const;
export type SpanType = (typeof SPAN_TYPES)[number];

/** What a detector reports: a typed span of the input with its origin and confidence. */
export interface Detection {
  /** JavaScript string index of the first character (UTF-16 code units). */
  start: number;
  /** JavaScript string index one past the last character. */
  end: number;
  type: SpanType;
  /** Name of the detector that found it (`cast`, `pattern:nhs`, `names:gazetteer`, …). */
  detector: string;
  /** 0–1. Cast matches are 1; heuristics lower. */
  confidence: number;
  /** Cast entity id (person or place id) when the detector knows who or what it is. */
  castId?: string;
  /** A key that groups mentions of one non-cast entity (e.g. a surname). */
  key?: string;
  /** A finer kind used to choose the pseudonym: `school`, `hospital`, `street`, `town`, `vehicle`, … */
  kind?: string;
}

/** One line of `spans.json`: a detection resolved to an entity and a replacement. */
export interface Span {
  start: number;
  end: number;
  type: SpanType;
  text: string;
  entity: string;
  replacement: string;
  detector: string;
  confidence: number;
  /** Set by reviewer decisions: `accepted` or `added`. */
  status?: 'accepted' | 'added';
}

/** An entity of the document (one person, place or identifier) and the pseudonym used for it. */
export interface Entity {
  id: string;
  type: SpanType;
  replacement: string;
  /** Cast id when the entity comes from the cast. */
  castId?: string;
  /** Display label for reviewers (first mention's text). */
  label: string;
}

/** The `spans.json` document. */
export interface SpansFile {
  spans: Span[];
  entities?: Entity[];
}
