/**
 * The DfE children's social care API's request schema (`CSC`, from the shipped
 * `schemas/dfe-csc-api/openapi.json`) compiled once with Ajv: every payload the library builds is
 * checked against it before it may be sent or written.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { CscPayload } from './types.ts';

/** Where the shipped OpenAPI document is. */
export function dfeOpenApiPath(): string {
  return fileURLToPath(new URL('../../schemas/dfe-csc-api/openapi.json', import.meta.url));
}

/** The most children one request may carry (the schema's `maxItems`, the API's 413 "Too many records"). */
export const DFE_MAX_CHILDREN_PER_REQUEST = 100;

/** One place a payload breaks the schema: the JSON pointer into the payload and Ajv's words. */
export interface DfeSchemaError {
  path: string;
  message: string;
}

/** Thrown by `assertDfePayload`; its message names the first paths that break the schema. */
export class DfePayloadError extends Error {
  override readonly name = 'DfePayloadError';
  constructor(readonly errors: DfeSchemaError[]) {
    super(
      `the DfE payload does not fit the CSC schema: ${errors
        .slice(0, 5)
        .map((e) => `${e.path || '(payload)'} ${e.message}`)
        .join('; ')}${errors.length > 5 ? ` (and ${errors.length - 5} more)` : ''}`,
    );
  }
}

type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
let compiled: Validator | undefined;

function validator(): Validator {
  if (compiled !== undefined) return compiled;
  const doc = JSON.parse(readFileSync(dfeOpenApiPath(), 'utf8')) as {
    components: { schemas: { CSC: object } };
  };
  // OpenAPI's `example` is not a JSON Schema keyword: known to Ajv, so strict mode still refuses typos.
  const ajv = new Ajv({ allErrors: true, strict: true, keywords: ['example'] });
  const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
  addFormats(ajv);
  compiled = ajv.compile(doc.components.schemas.CSC) as Validator;
  return compiled;
}

/** Checks one request's body against the CSC schema; answers every place it breaks it. */
export function validateDfePayload(payload: unknown): DfeSchemaError[] {
  const validate = validator();
  if (validate(payload)) return [];
  return (validate.errors ?? []).map((e) => ({
    path: e.instancePath,
    message:
      e.keyword === 'additionalProperties'
        ? `has unknown property ${String((e.params as { additionalProperty?: string }).additionalProperty)}`
        : (e.message ?? e.keyword),
  }));
}

/**
 * @throws DfePayloadError naming the paths when `payload` does not fit the CSC schema
 * @example assertDfePayload([{ la_child_id: 'C1' }]);
 */
export function assertDfePayload(payload: unknown): asserts payload is CscPayload {
  const errors = validateDfePayload(payload);
  if (errors.length > 0) throw new DfePayloadError(errors);
}
