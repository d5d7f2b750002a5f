/** The case "cast": the people, places and identifiers a review is known to contain. */

/** Roles that decide a cast person's default pseudonym. Unknown roles become "Adult N". */
export const PERSON_ROLES = [
  'child',
  'sibling',
  'mother',
  'father',
  'mothers-partner',
  'fathers-partner',
  'stepfather',
  'stepmother',
  'maternal-grandmother',
  'maternal-grandfather',
  'paternal-grandmother',
  'paternal-grandfather',
  'aunt',
  'uncle',
  'relative',
  'carer',
  'foster-carer',
  'friend',
  'neighbour',
  'professional',
  'other',
] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export interface CastPerson {
  id: string;
  role: PersonRole;
  /** For professionals: "social worker", "health visitor", "GP", "police officer", … */
  profession?: string;
  /** Full names as recorded, e.g. "Jayden Lee Smith". The first is the main one. */
  names: string[];
  /** Other names: former surnames, aliases. */
  aliases?: string[];
  /** Nicknames used alone: "Jay". */
  nicknames?: string[];
  title?: string;
  /** ISO date, e.g. "2015-03-03". */
  dob?: string;
  nhsNumber?: string;
  phones?: string[];
  emails?: string[];
  /** Other identifiers: UPN, LA child id, case references. */
  ids?: string[];
  /** Overrides the generated pseudonym. */
  pseudonym?: string;
}

export const PLACE_KINDS = [
  'address',
  'school',
  'gp',
  'hospital',
  'nursery',
  'street',
  'town',
  'other',
] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export interface CastPlace {
  id: string;
  kind: PlaceKind;
  /** Names as written, e.g. "Oakfield Primary School", "14 Elm Road, Leeds LS6 2AB". */
  names: string[];
  postcode?: string;
  pseudonym?: string;
}

export interface CastIdentifier {
  /** `NHS_NUMBER`, `PHONE`, `EMAIL` or `ID`. */
  type: 'NHS_NUMBER' | 'PHONE' | 'EMAIL' | 'ID';
  value: string;
  /** Cast person id the identifier belongs to. */
  owner?: string;
}

export interface Cast {
  people: CastPerson[];
  places?: CastPlace[];
  identifiers?: CastIdentifier[];
}

/** A cast that fails validation, with the path of the first problem. */
export class CastError extends Error {
  override name = 'CastError';
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function strings(v: unknown, path: string, required = false): string[] {
  if (v === undefined && !required) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    throw new CastError(`${path} must be an array of strings`);
  return v;
}

function optString(v: unknown, path: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new CastError(`${path} must be a string`);
  return v;
}

/**
 * Checks a parsed `cast.json` and returns it typed.
 * @throws CastError naming the first field that is wrong.
 * @example
 * const cast = parseCast(JSON.parse(readFileSync('cast.json', 'utf8')));
 */
export function parseCast(raw: unknown): Cast {
  if (!isRecord(raw)) throw new CastError('cast must be a JSON object');
  if (!Array.isArray(raw.people)) throw new CastError('cast.people must be an array');
  const people = raw.people.map((p: unknown, i): CastPerson => {
    const at = `cast.people[${i}]`;
    if (!isRecord(p)) throw new CastError(`${at} must be an object`);
    if (typeof p.id !== 'string' || p.id === '') throw new CastError(`${at}.id must be a non-empty string`);
    const role = (p.role ?? 'other') as PersonRole;
    if (!PERSON_ROLES.includes(role))
      throw new CastError(`${at}.role must be one of ${PERSON_ROLES.join(', ')}`);
    const names = strings(p.names, `${at}.names`, true);
    if (names.length === 0) throw new CastError(`${at}.names must not be empty`);
    const dob = optString(p.dob, `${at}.dob`);
    if (dob !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(dob))
      throw new CastError(`${at}.dob must be YYYY-MM-DD`);
    return {
      id: p.id,
      role,
      names,
      aliases: strings(p.aliases, `${at}.aliases`),
      nicknames: strings(p.nicknames, `${at}.nicknames`),
      phones: strings(p.phones, `${at}.phones`),
      emails: strings(p.emails, `${at}.emails`),
      ids: strings(p.ids, `${at}.ids`),
      ...opt('profession', optString(p.profession, `${at}.profession`)),
      ...opt('title', optString(p.title, `${at}.title`)),
      ...opt('dob', dob),
      ...opt('nhsNumber', optString(p.nhsNumber, `${at}.nhsNumber`)),
      ...opt('pseudonym', optString(p.pseudonym, `${at}.pseudonym`)),
    };
  });
  const places = (
    raw.places === undefined ? [] : Array.isArray(raw.places) ? raw.places : badArray('cast.places')
  ).map((p: unknown, i): CastPlace => {
    const at = `cast.places[${i}]`;
    if (!isRecord(p) || typeof p.id !== 'string') throw new CastError(`${at}.id must be a string`);
    const kind = (p.kind ?? 'other') as PlaceKind;
    if (!PLACE_KINDS.includes(kind))
      throw new CastError(`${at}.kind must be one of ${PLACE_KINDS.join(', ')}`);
    return {
      id: p.id,
      kind,
      names: strings(p.names, `${at}.names`, true),
      ...opt('postcode', optString(p.postcode, `${at}.postcode`)),
      ...opt('pseudonym', optString(p.pseudonym, `${at}.pseudonym`)),
    };
  });
  const idTypes = ['NHS_NUMBER', 'PHONE', 'EMAIL', 'ID'];
  const identifiers = (
    raw.identifiers === undefined
      ? []
      : Array.isArray(raw.identifiers)
        ? raw.identifiers
        : badArray('cast.identifiers')
  ).map((x: unknown, i): CastIdentifier => {
    const at = `cast.identifiers[${i}]`;
    if (!isRecord(x) || typeof x.value !== 'string' || !idTypes.includes(String(x.type)))
      throw new CastError(`${at} needs a type (${idTypes.join(', ')}) and a string value`);
    return {
      type: x.type as CastIdentifier['type'],
      value: x.value,
      ...opt('owner', optString(x.owner, `${at}.owner`)),
    };
  });
  const ids = new Set<string>();
  for (const e of [...people, ...places]) {
    if (ids.has(e.id)) throw new CastError(`cast id "${e.id}" is used twice`);
    ids.add(e.id);
  }
  return { people, places, identifiers };
}

function badArray(path: string): never {
  throw new CastError(`${path} must be an array`);
}

function opt<K extends string, V>(k: K, v: V | undefined): Partial<Record<K, V>> {
  return v === undefined ? {} : ({ [k]: v } as Record<K, V>);
}
