import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { Ajv, type ErrorObject } from 'ajv';

/** Fields a linkage schema can encode, in the order the CLI lists them. */
export const PPRL_FIELDS = [
  'given_name',
  'family_name',
  'other_names',
  'full_name',
  'dob',
  'sex',
  'postcode',
  'address',
  'town',
  'nhs_number',
  'upn',
  'email',
  'phone',
] as const;
export type PprlField = (typeof PPRL_FIELDS)[number];

/** True when the string names a field of {@link PPRL_FIELDS}. */
export function isPprlField(s: string): s is PprlField {
  return (PPRL_FIELDS as readonly string[]).includes(s);
}

export type TokenKind = 'bigrams' | 'date' | 'postcode' | 'digits' | 'exact';
export type SaltAttribute = 'none' | 'birth_year' | 'sex';
export type BlockingKeyRule = 'dob' | 'postcode' | 'nhs_number' | 'upn' | 'birth_year_postcode_district';

export interface FieldSpec {
  tokens: TokenKind;
  bitsPerToken: number;
  formalForms?: boolean;
}

export interface Hardening {
  balance: boolean;
  xorFold: boolean;
  salt: SaltAttribute;
  saltFields?: PprlField[];
  flipProbability: number;
}

/** Field-level filters for some fields, each with its own bits per token. */
export interface FieldFilterSpec {
  bits: number;
  fields: Partial<Record<PprlField, number>>;
  /** Replaces the hardening's flip probability for these filters. */
  flipProbability?: number;
  /** Replaces the hardening's salt for these filters (on the hardening's salted fields). */
  salt?: SaltAttribute;
  /**
   * `formal`: the given-name filter holds the bigrams of the name's formal form(s) from the
   * nickname list (Kate → catherine, Joshua → joshua) in place of the name's, when the list knows
   * the name; `as_written` (the default): the record filter's given-name tokens.
   */
  givenName?: 'as_written' | 'formal';
  /** Given- and family-name filters under one key and permutation, so swapped names compare crosswise. */
  sharedNameKey?: boolean;
}

/** The field-level filters of a schema, resolved (see {@link fieldFilterPlan}). */
export interface FieldFilterPlan {
  bits: number;
  fields: Map<PprlField, number>;
  flipProbability: number;
  salt: SaltAttribute;
  givenName: 'as_written' | 'formal';
  sharedNameKey: boolean;
}

/**
 * The field-level filters a schema asks for: their length, each field's bits per token, and their
 * flip probability; null when there are none.
 */
export function fieldFilterPlan(s: LinkageSchema): FieldFilterPlan | null {
  const ff = s.fieldFilters;
  if (ff === undefined || ff === false) return null;
  if (typeof ff === 'number')
    return {
      bits: ff,
      fields: new Map(
        PPRL_FIELDS.flatMap((f) => (s.fields[f] ? [[f, s.fields[f].bitsPerToken] as const] : [])),
      ),
      flipProbability: s.hardening.flipProbability,
      salt: s.hardening.salt,
      givenName: 'as_written',
      sharedNameKey: false,
    };
  return {
    bits: ff.bits,
    fields: new Map(
      PPRL_FIELDS.flatMap((f) => (ff.fields[f] !== undefined ? [[f, ff.fields[f]] as const] : [])),
    ),
    flipProbability: ff.flipProbability ?? s.hardening.flipProbability,
    salt: ff.salt ?? s.hardening.salt,
    givenName: ff.givenName ?? 'as_written',
    sharedNameKey: ff.sharedNameKey ?? false,
  };
}

/** A linkage schema (see `schemas/linkage-schema.schema.json` and the package README). */
export interface LinkageSchema {
  version: 1;
  name: string;
  description?: string;
  bits: number;
  hash: 'hmac-sha256' | 'blake2s';
  fields: Partial<Record<PprlField, FieldSpec>>;
  hardening: Hardening;
  dobComponent?: false | { bits: number; bitsPerToken: number };
  fieldFilters?: false | number | FieldFilterSpec;
  blocking: { keys: BlockingKeyRule[]; lsh: false | { bands: number; bitsPerBand: number } };
}

const SCHEMA_DIR = join(import.meta.dirname, '..', 'schemas');

/** The JSON Schema that every linkage schema must satisfy (shipped as `schemas/linkage-schema.schema.json`). */
export const LINKAGE_SCHEMA_JSON_SCHEMA: unknown = JSON.parse(
  readFileSync(join(SCHEMA_DIR, 'linkage-schema.schema.json'), 'utf8'),
);

const ajv = new Ajv({ allErrors: true, strict: true });
const validator = ajv.compile(LINKAGE_SCHEMA_JSON_SCHEMA as object);

/** A schema document that does not satisfy the JSON Schema or the rules beyond it. */
export class SchemaError extends Error {
  override readonly name = 'SchemaError';
}

function describe(e: ErrorObject): string {
  const where = e.instancePath === '' ? 'schema' : e.instancePath;
  if (e.keyword === 'additionalProperties')
    return `${where}: unknown property "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  if (e.keyword === 'propertyNames')
    return `${where}: unknown field "${(e.params as { propertyName: string }).propertyName}" (fields: ${PPRL_FIELDS.join(', ')})`;
  return `${where} ${e.message ?? 'is not valid'}`;
}

/**
 * Check a parsed schema document against the shipped JSON Schema and the rules it cannot say
 * (balancing needs an even filter; salted fields must be fields of the schema). Returns it typed.
 * @throws SchemaError naming the first problem
 * @example const schema = validateSchema(JSON.parse(readFileSync('schema.json', 'utf8')));
 */
export function validateSchema(doc: unknown): LinkageSchema {
  if (!validator(doc)) {
    const errors = validator.errors ?? [];
    // oneOf failures repeat their branches' errors: name the most specific one.
    const first =
      errors.find((e) => e.keyword === 'propertyNames' || e.keyword === 'additionalProperties') ??
      errors.find((e) => e.keyword !== 'oneOf' && e.keyword !== 'const') ??
      errors[0];
    throw new SchemaError(first ? describe(first) : 'not a valid linkage schema');
  }
  const s = doc as LinkageSchema;
  for (const f of s.hardening.saltFields ?? []) {
    if (!(f in s.fields)) throw new SchemaError(`/hardening/saltFields: "${f}" is not a field of the schema`);
  }
  const ffSalt =
    typeof s.fieldFilters === 'object' && s.fieldFilters !== null ? s.fieldFilters.salt : undefined;
  if (
    (s.hardening.salt === 'birth_year' || ffSalt === 'birth_year') &&
    s.fields.dob === undefined &&
    !s.dobComponent
  )
    throw new SchemaError('/hardening/salt: birth_year needs the dob field');
  for (const [name, spec] of Object.entries(s.fields)) {
    if (spec.formalForms && name !== 'given_name')
      throw new SchemaError(`/fields/${name}/formalForms: only given_name has formal forms`);
  }
  if (typeof s.fieldFilters === 'object' && s.fieldFilters !== null) {
    for (const f of Object.keys(s.fieldFilters.fields))
      if (!(f in s.fields))
        throw new SchemaError(`/fieldFilters/fields: "${f}" is not a field of the schema`);
  }
  return s;
}

/** The package's recommended schema (`schemas/default.json`). */
export function defaultSchema(): LinkageSchema {
  return validateSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, 'default.json'), 'utf8')));
}

/** JSON with object keys sorted, so equal schemas give equal bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The schema identifier every encoding carries: the name and the first 12 hex digits of the
 * SHA-256 of the canonical schema (description excluded, as it does not change an encoding).
 * @example schemaId(defaultSchema()) // 'waypoint-default:3f…'
 */
export function schemaId(schema: LinkageSchema): string {
  const { description: _d, ...rest } = schema;
  return `${schema.name}:${bytesToHex(sha256(utf8ToBytes(canonicalJson(rest)))).slice(0, 12)}`;
}
