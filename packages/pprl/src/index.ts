/**
 * @waypoint/pprl: privacy-preserving record linkage on keyed Bloom-filter encodings. Each agency
 * encodes its records on its own side with a shared secret; only the encodings are compared.
 *
 * @example
 * import { Encoder, defaultSchema, linkEncodings } from '@waypoint/pprl';
 * const encoder = new Encoder(defaultSchema(), secret, { dateFormat: 'YYYY-MM-DD' });
 * const a = recordsA.map((r) => encoder.encode(r));
 * const b = recordsB.map((r) => encoder.encode(r));
 * const { pairs, store } = await linkEncodings([a, b]); // one to one, threshold from the scores
 */
export {
  PPRL_FIELDS,
  isPprlField,
  validateSchema,
  defaultSchema,
  schemaId,
  canonicalJson,
  SchemaError,
  LINKAGE_SCHEMA_JSON_SCHEMA,
  type LinkageSchema,
  type FieldSpec,
  type Hardening,
  type PprlField,
  type TokenKind,
  type BlockingKeyRule,
} from './schema.ts';
export {
  normaliseField,
  normaliseDob,
  normaliseSex,
  normalisePostcodeValue,
  normaliseNhs,
  formalForms,
  EncodingInputError,
  type PprlRecord,
} from './normalise.ts';
export { pprlRecordOf } from './synthetic.ts';
export { bigrams, dateTokens, postcodeTokens, positionalDigits, tokenise } from './tokens.ts';
export {
  keyId,
  deriveKey,
  checkSecret,
  keyedHash,
  TokenHasher,
  KeyedStream,
  SecretError,
  MIN_SECRET_BYTES,
} from './keys.ts';
export { Encoder, type Encoding, type EncoderOptions } from './encode.ts';
export { encodingToJson, parseEncodings, EncodingFileError } from './file.ts';
export { dice, diceWords, popcount32, popcountBytes } from './kernel/reference.ts';
export { instantiateKernel, sharedMemory, kernelModuleBytes, type KernelExports } from './kernel/wasm.ts';
export { EncodingStore, VersionMismatchError, type StoreData } from './store.ts';
export {
  buildBlocks,
  countComparisons,
  type BlockingReport,
  type BlockingRuleCount,
  type Mode,
} from './blocking.ts';
export { linkEncodings, clusters, type LinkOptions, type LinkResult, type LinkedPair } from './link.ts';
export { chooseThreshold, type ThresholdReport } from './threshold.ts';
export { twinGuard, TWIN_GIVEN_NAME_DICE } from './guard.ts';
export { PprlIndex, type IndexCandidate } from './pprl-index.ts';
