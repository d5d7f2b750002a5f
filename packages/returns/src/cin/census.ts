/** A CIN census return in model form: its header and its children. */
import type { Child } from '../model/types.ts';

export interface CensusHeader {
  collection?: string | null;
  /** The XML `Year`: the calendar year the collection ends in, e.g. `"2026"`. */
  year?: string | null;
  referenceDate?: string | null;
  sourceLevel?: string | null;
  lea?: string | null;
  softwareCode?: string | null;
  release?: string | null;
  serialNo?: string | null;
  dateTime?: string | null;
}

export interface CinCensus {
  header: CensusHeader;
  children: Child[];
}
