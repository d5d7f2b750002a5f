/** The DfE children's social care daily API: payload, schema check, changes since the last push. */
export type * from './types.ts';
export { buildDfeChild, type BuiltDfeChild } from './payload.ts';
export {
  assertDfePayload,
  validateDfePayload,
  dfeOpenApiPath,
  DfePayloadError,
  DFE_MAX_CHILDREN_PER_REQUEST,
  type DfeSchemaError,
} from './schema.ts';
export {
  dfeChanges,
  dfeBatches,
  dfeRequests,
  dfeHash,
  type DfeChange,
  type DfeChangeKind,
  type DfeChanges,
  type DfePushedChild,
  type DfeRefusedChild,
} from './changes.ts';
