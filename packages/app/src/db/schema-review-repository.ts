/** Kysely's view of the public repository's tables (migrations 0020 and 0030), merged into `Schema`. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DateOnly = ColumnType<string, string, string>;

export interface ReviewRepositoryTables {
  published_reviews: {
    id: Generated<string>;
    public_id: string;
    la_code: string;
    source_review_id: string | null;
    title: string;
    partnership: string;
    region: string;
    local_authority: string;
    published_on: DateOnly;
    review_type: string;
    age_band: string;
    themes: string[];
    summary: string;
    words: number;
    published_by: string | null;
    published_at: Generated<Date>;
    withdrawn_at: Timestamp | null;
    withdrawn_reason: string | null;
    withdrawn_by: string | null;
    /** Whether its words are in the search's lists (0030; written only by the SQL functions). */
    search_indexed: Generated<boolean>;
  };
  published_review_sections: {
    review_id: string;
    position: number;
    la_code: string;
    heading: string;
    body: string;
    tsv: string;
    listed: Generated<boolean>;
  };
  published_review_findings: {
    review_id: string;
    position: number;
    la_code: string;
    text: string;
    factors: ColumnType<unknown, string, string>;
    listed: Generated<boolean>;
  };
  /** Each word's best reviews for the public search (0030; written only by the SQL functions). */
  published_review_lexemes: {
    lexeme: string;
    review_id: string;
    score: number;
    position: number;
    published_on: DateOnly;
  };
  published_lexeme_stats: {
    lexeme: string;
    reviews: number;
    kept: number;
    floor: number | null;
  };
  review_search_settings: {
    singleton: Generated<boolean>;
    list_size: number;
  };
}
