/**
 * Encoded files: JSON Lines, one encoding per line,
 * `{"id","schema","key","clk","dob","blocks"[,"fields"]}` with the filters in base64; `fields` lists
 * the field-level filters by place in PPRL_FIELDS (null for none). No plaintext, no field names.
 */
import type { Encoding } from './encode.ts';
import { isPprlField, PPRL_FIELDS, type PprlField } from './schema.ts';

const b64 = (u: Uint8Array): string => Buffer.from(u).toString('base64');

/** One encoding as a line of JSON (without the newline). */
export function encodingToJson(e: Encoding): string {
  const o: Record<string, unknown> = {
    id: e.id,
    schema: e.schema,
    key: e.key,
    clk: b64(e.clk),
    dob: e.dob ? b64(e.dob) : null,
    blocks: e.blocks,
  };
  // Field filters by place in PPRL_FIELDS (null where a field is missing or not encoded), so no
  // field is named in the output; trailing nulls left out.
  if (e.fields) {
    const list = PPRL_FIELDS.map((f) => (e.fields![f] ? b64(e.fields![f]) : null));
    while (list.length > 0 && list[list.length - 1] === null) list.pop();
    o.fields = list;
  }
  return JSON.stringify(o);
}

/** A line of an encoded file that is not an encoding. */
export class EncodingFileError extends Error {
  override readonly name = 'EncodingFileError';
}

function bytes(v: unknown, what: string): Uint8Array {
  if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v) || v.length % 4 !== 0)
    throw new EncodingFileError(`${what} is not base64`);
  return new Uint8Array(Buffer.from(v, 'base64'));
}

/**
 * Parse an encoded file's text. Checks every line: its fields, base64, one filter length, unique ids.
 * @throws EncodingFileError naming the line and the problem
 */
export function parseEncodings(
  text: string,
  name = 'input',
  firstLine = 0,
  seen = new Set<string>(),
): Encoding[] {
  const out: Encoding[] = [];
  const lines = text.split('\n');
  lines.forEach((line, k) => {
    if (line.trim() === '') return;
    const where = `${name}: line ${firstLine + k + 1}`;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      throw new EncodingFileError(`${where}: not JSON`);
    }
    if (typeof o !== 'object' || o === null || Array.isArray(o))
      throw new EncodingFileError(`${where}: not an encoding object`);
    const r = o as Record<string, unknown>;
    for (const f of ['id', 'schema', 'key', 'clk'] as const)
      if (typeof r[f] !== 'string' || r[f] === '')
        throw new EncodingFileError(`${where}: "${f}" missing or not a string`);
    const id = r.id as string;
    if (seen.has(id)) throw new EncodingFileError(`${where}: id "${id}" repeated`);
    seen.add(id);
    if (!Array.isArray(r.blocks) || r.blocks.some((b) => typeof b !== 'string'))
      throw new EncodingFileError(`${where}: "blocks" must be a list of strings`);
    const clk = bytes(r.clk, `${where}: "clk"`);
    if (clk.length === 0 || clk.length % 8 !== 0)
      throw new EncodingFileError(`${where}: "clk" has ${clk.length} bytes, not a multiple of 8`);
    const e: Encoding = {
      id,
      schema: r.schema as string,
      key: r.key as string,
      clk,
      dob: r.dob == null ? null : bytes(r.dob, `${where}: "dob"`),
      blocks: r.blocks as string[],
    };
    if (r.fields !== undefined) {
      if (typeof r.fields !== 'object' || r.fields === null)
        throw new EncodingFileError(`${where}: "fields" is not a list or an object`);
      const fields: Partial<Record<PprlField, Uint8Array>> = {};
      if (Array.isArray(r.fields)) {
        if (r.fields.length > PPRL_FIELDS.length)
          throw new EncodingFileError(`${where}: "fields" has more than ${PPRL_FIELDS.length} entries`);
        r.fields.forEach((v: unknown, k) => {
          if (v !== null) fields[PPRL_FIELDS[k]!] = bytes(v, `${where}: field filter ${k + 1}`);
        });
      } else
        for (const [f, v] of Object.entries(r.fields)) {
          if (!isPprlField(f)) throw new EncodingFileError(`${where}: unknown field filter "${f}"`);
          fields[f] = bytes(v, `${where}: field "${f}"`);
        }
      e.fields = fields;
    }
    out.push(e);
  });
  return out;
}
