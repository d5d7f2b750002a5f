/** The public repository of published learning reviews (README.md). */
export { publishReview, withdrawReview, mayPublish } from './publish.ts';
export type { PublishReviewInput } from './input.ts';
export {
  regions,
  reviewTypes,
  ageBands,
  themes,
  type Region,
  type ReviewType,
  type AgeBand,
  type Theme,
} from './vocabulary.ts';
export { searchReviews, filterOptions, type ReviewFilters } from './search.ts';
export { readPublishedReview } from './read.ts';
export {
  presentHit,
  presentReview,
  presentSummary,
  type PublicReview,
  type PublicSearchHit,
} from './present.ts';
export { themeByYear, themeTotals, factorsByThemeAndYear, newestReviews } from './learning.ts';
