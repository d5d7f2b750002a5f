/**
 * The involvement index's client types, from `@waypoint/index` (the contract between the package
 * and the app: notes index-api.md). The adapter is written against these and nothing else.
 */
export type {
  EncodingJson,
  IndexAgency,
  IndexCaller,
  IndexClient,
  IndexLookupAnswer,
  IndexLookupRecord,
  IndexNotice,
  IndexPublication,
  IndexReason,
  Publisher,
} from '@waypoint/index';
