/** Reading the JSON form of the input model, with one-line errors for input that is not it. */
import type { ReturnsInput } from './types.ts';

/** The JSON is not the input model; the message says where, on one line. */
export class InputError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Parses and checks the outline of the JSON input: `laCode` (3 digits) and `children`, each with a
 * string `laChildId` and a `cinEpisodes` array. Field values are the validator's business, not this.
 * @example const input = parseInputJson(readFileSync('children.json', 'utf8'));
 * @throws InputError
 */
export function parseInputJson(text: string): ReturnsInput {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(`not JSON: ${(e as Error).message}`);
  }
  if (!isObject(data)) throw new InputError('the JSON must be an object with "laCode" and "children"');
  if (typeof data.laCode !== 'string' || !/^\d{3}$/.test(data.laCode))
    throw new InputError('"laCode" must be a three-digit DfE LA code such as "201"');
  if (!Array.isArray(data.children)) throw new InputError('"children" must be an array');
  data.children.forEach((c: unknown, i: number) => {
    if (!isObject(c)) throw new InputError(`children[${i}] is not an object`);
    if (typeof c.laChildId !== 'string') throw new InputError(`children[${i}].laChildId must be a string`);
    if (!Array.isArray(c.cinEpisodes))
      throw new InputError(`children[${i}] (${c.laChildId}) has no "cinEpisodes" array`);
  });
  if (data.adopters !== undefined && !Array.isArray(data.adopters))
    throw new InputError('"adopters" must be an array when given');
  return data as unknown as ReturnsInput;
}
