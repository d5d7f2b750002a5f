/**
 * THE public presenter: the only shape in which a published review leaves the server, for the
 * public pages, the feed, the PDF and the public API. It names each public field explicitly, so
 * internal columns (the row id, the source review, the LA code, who published) cannot reach it.
 */
import type { PublishedReviewRow } from './read.ts';
import { START_MARK, STOP_MARK, type ReviewHit } from './search.ts';
import { ageBands, labelOf, regions, reviewTypes, themes } from './vocabulary.ts';

export interface Coded {
  code: string;
  label: string;
}

export interface PublicReviewSummary {
  id: string;
  title: string;
  partnership: string;
  localAuthority: string;
  region: Coded;
  publishedOn: string;
  reviewType: Coded;
  ageBand: Coded;
  themes: Coded[];
  summary: string;
  words: number;
  /** About how many pages (500 words a page). */
  pages: number;
}

/** A run of an extract: the words the search matched are `marked`. */
export interface ExtractPart {
  text: string;
  marked: boolean;
}

export interface PublicSearchHit extends PublicReviewSummary {
  match: { heading: string; extract: ExtractPart[] } | null;
}

export interface PublicReview extends PublicReviewSummary {
  sections: { heading: string; paragraphs: string[] }[];
  findings: { text: string; factors: Coded[] }[];
}

const coded = (v: readonly { code: string; label: string }[], code: string): Coded => ({
  code,
  label: labelOf(v, code),
});

/** The public summary of a review row. */
export function presentSummary(r: Omit<ReviewHit, 'section'>): PublicReviewSummary {
  return {
    id: r.public_id,
    title: r.title,
    partnership: r.partnership,
    localAuthority: r.local_authority,
    region: coded(regions, r.region),
    publishedOn: r.published_on,
    reviewType: coded(reviewTypes, r.review_type),
    ageBand: coded(ageBands, r.age_band),
    themes: r.themes.map((t) => coded(themes, t)),
    summary: r.summary,
    words: r.words,
    pages: Math.max(1, Math.round(r.words / 500)),
  };
}

/** Splits a ts_headline extract on its marks into plain and marked runs (escaped by the template). */
export function extractParts(extract: string): ExtractPart[] {
  const parts: ExtractPart[] = [];
  for (const chunk of extract.split(START_MARK)) {
    const stop = chunk.indexOf(STOP_MARK);
    if (stop === -1) {
      if (chunk !== '') parts.push({ text: chunk, marked: false });
      continue;
    }
    parts.push({ text: chunk.slice(0, stop), marked: true });
    const rest = chunk.slice(stop + 1);
    if (rest !== '') parts.push({ text: rest, marked: false });
  }
  return parts;
}

/** A search result. */
export function presentHit(h: ReviewHit): PublicSearchHit {
  return {
    ...presentSummary(h),
    match:
      h.section === null ? null : { heading: h.section.heading, extract: extractParts(h.section.extract) },
  };
}

/** The whole published review. */
export function presentReview(r: PublishedReviewRow): PublicReview {
  return {
    ...presentSummary(r),
    sections: r.sections.map((s) => ({
      heading: s.heading,
      paragraphs: s.body
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter((p) => p !== ''),
    })),
    findings: r.findings.map((f) => ({
      text: f.text,
      factors: f.factors.map((x) => ({ code: x.code, label: x.label })),
    })),
  };
}

/** "1 review", "12 reviews", or an estimate: "About 1,900 reviews". */
export const totalText = (total: number, isEstimate: boolean): string =>
  `${isEstimate ? 'About ' : ''}${total.toLocaleString('en-GB')} ${total === 1 ? 'review' : 'reviews'}`;
