import { isValidNhsNumber, normalisePostcode, postcodeDistrict, postcodeSector } from '@waypoint/identifiers';
import { dayNumber, parseDate } from './dates.ts';
import type { PersonRecord } from './person.ts';
import { nameParts, normaliseName, normaliseText } from './text/normalise.ts';
import { nicknameGroups, nicknameGroupsNear } from './text/nicknames.ts';
import { doubleMetaphone } from './text/phonetic.ts';
import { bigramSignature } from './text/similarity.ts';

/** Distinct values of one field with how many records hold each (for term frequencies). */
export interface TextTable {
  values: string[];
  count: number[];
  total: number;
}

/** Distinct names (given and family share one table, so swapped names can be seen) with features. */
export interface NameTable {
  values: string[];
  /** Double Metaphone primary and alternate codes, as ids (-1 when the name has none). */
  dm1: number[];
  dm2: number[];
  /** Nickname groups of the name's first word (allowing one keying slip, see `nicknameGroupsNear`). */
  nick: (readonly number[])[];
  /** 1 when `nick` came from a listed name one slip away rather than the name itself. */
  nickNear: number[];
  /** Ids of the parts of a hyphenated or multi-word name (one part for a simple name). */
  parts: (readonly number[])[];
  givenCount: number[];
  familyCount: number[];
  givenTotal: number;
  familyTotal: number;
}

/** Distinct addresses with their bigram signatures (see `bigramSignature`). */
export type AddressTable = TextTable & { sigLo: number[]; sigHi: number[] };

/**
 * The prepared, column-wise form of a set of records: every value is normalised and interned
 * once, with its phonetic codes, nickname groups and parsed date parts, so scoring a pair is
 * integer look-ups plus, at worst, a short string similarity. Plain arrays only, so it can be
 * copied to worker threads. Value ids are -1 (dates 0) when missing.
 */
export interface StoreData {
  size: number;
  ids: string[];
  source: number[];
  sources: string[];
  given: number[];
  family: number[];
  /** yyyymmdd, 0 when missing. */
  dob: number[];
  dobDay: number[];
  sex: number[];
  postcode: number[];
  address: number[];
  town: number[];
  nhs: number[];
  email: number[];
  phone: number[];
  names: NameTable;
  sexes: TextTable;
  postcodes: TextTable & { sector: number[]; district: number[] };
  /** Addresses with bigram signatures (see `bigramSignature`). */
  addresses: AddressTable;
  towns: TextTable;
  nhsNumbers: TextTable & { valid: number[] };
  emails: TextTable & { local: number[] };
  phones: TextTable;
}

function table(): TextTable {
  return { values: [], count: [], total: 0 };
}

/** Sex codes: 1/M/male → m, 2/F/female → f; unknown and not stated → missing. */
function normaliseSex(s: string | null | undefined): string | null {
  const t = normaliseText(s);
  if (t === null) return null;
  if (t === 'm' || t === 'male' || t === '1' || t === 'boy') return 'm';
  if (t === 'f' || t === 'female' || t === '2' || t === 'girl') return 'f';
  if (t === 'u' || t === 'unknown' || t === '0' || t === '9' || t === 'not known' || t === 'not stated')
    return null;
  return t;
}

function normalisePhone(s: string | null | undefined): string | null {
  if (s == null) return null;
  let d = s.replace(/\D/g, '');
  if (d.startsWith('44')) d = '0' + d.slice(2);
  return d.length >= 7 ? d.slice(-10) : null;
}

/**
 * Builds and grows a {@link StoreData}. Used by batch linkage (all records at once) and by the
 * incremental {@link LinkageIndex} (one record at a time).
 *
 * @example
 * const store = new RecordStore();
 * const i = store.add({ id: 'a1', given_name: 'Kate', family_name: 'Smith', dob: '2015-03-07' });
 */
export class RecordStore {
  readonly data: StoreData;
  private readonly normalised = new Map<string, string | null>();
  /** Records whose dob was given but could not be parsed. */
  badDates = 0;
  private readonly index = new Map<
    TextTable | NameTable | 'dm' | 'parts' | 'sector' | 'district' | 'local' | 'source',
    Map<string, number>
  >();

  constructor() {
    const names: NameTable = {
      values: [],
      dm1: [],
      dm2: [],
      nick: [],
      nickNear: [],
      parts: [],
      givenCount: [],
      familyCount: [],
      givenTotal: 0,
      familyTotal: 0,
    };
    this.data = {
      size: 0,
      ids: [],
      source: [],
      sources: [],
      given: [],
      family: [],
      dob: [],
      dobDay: [],
      sex: [],
      postcode: [],
      address: [],
      town: [],
      nhs: [],
      email: [],
      phone: [],
      names,
      sexes: table(),
      postcodes: { ...table(), sector: [], district: [] },
      addresses: { ...table(), sigLo: [], sigHi: [] },
      towns: table(),
      nhsNumbers: { ...table(), valid: [] },
      emails: { ...table(), local: [] },
      phones: table(),
    };
  }

  /** Build a store from records in one go. */
  static from(records: Iterable<PersonRecord>): RecordStore {
    const s = new RecordStore();
    for (const r of records) s.add(r);
    return s;
  }

  /** Add a record; returns its index in the store. */
  add(r: PersonRecord): number {
    const d = this.data;
    const i = d.size++;
    d.ids.push(r.id);
    d.source.push(this.key('source', r.source ?? ''));
    if (d.sources.length <= d.source[i]!) d.sources.push(r.source ?? '');
    let given = this.normalName(r.given_name);
    let family = this.normalName(r.family_name);
    if ((given === null || family === null) && r.full_name) {
      const parts = (normaliseName(r.full_name) ?? '').split(' ').filter((p) => p !== '');
      if (given === null && parts.length > 0) given = parts[0]!;
      if (family === null && parts.length > 1) family = parts[parts.length - 1]!;
    }
    const g = this.name(given);
    const f = this.name(family);
    d.given.push(g);
    d.family.push(f);
    if (g >= 0) {
      d.names.givenCount[g]!++;
      d.names.givenTotal++;
    }
    if (f >= 0) {
      d.names.familyCount[f]!++;
      d.names.familyTotal++;
    }
    const ymd = typeof r.dob === 'number' ? r.dob : parseDate(r.dob ?? null, 'auto');
    if (ymd === null && typeof r.dob === 'string' && r.dob.trim() !== '') this.badDates++;
    d.dob.push(ymd ?? 0);
    d.dobDay.push(ymd ? dayNumber(ymd) : 0);
    d.sex.push(this.text(d.sexes, normaliseSex(r.sex)));
    d.postcode.push(this.postcode(r.postcode));
    const a = this.text(d.addresses, normaliseText(r.address));
    if (a >= 0 && d.addresses.sigLo.length <= a) {
      const [lo, hi] = bigramSignature(d.addresses.values[a]!);
      d.addresses.sigLo.push(lo);
      d.addresses.sigHi.push(hi);
    }
    d.address.push(a);
    d.town.push(this.text(d.towns, normaliseText(r.town)));
    const nhs = r.nhs_number?.replace(/[\s-]/g, '') ?? '';
    const n = this.text(d.nhsNumbers, nhs === '' ? null : nhs);
    if (n >= 0 && d.nhsNumbers.valid.length <= n) d.nhsNumbers.valid.push(isValidNhsNumber(nhs) ? 1 : 0);
    d.nhs.push(n);
    const email = r.email?.trim().toLowerCase() ?? '';
    const e = this.text(d.emails, email.includes('@') ? email : null);
    if (e >= 0 && d.emails.local.length <= e) d.emails.local.push(this.key('local', email.split('@')[0]!));
    d.email.push(e);
    d.phone.push(this.text(d.phones, normalisePhone(r.phone)));
    return i;
  }

  /**
   * Take a record's values out of the term-frequency counts (the incremental index calls this when a
   * record is removed; the record's slot stays, marked by the caller).
   */
  uncount(i: number): void {
    const d = this.data;
    const g = d.given[i]!;
    const f = d.family[i]!;
    if (g >= 0) {
      d.names.givenCount[g]!--;
      d.names.givenTotal--;
    }
    if (f >= 0) {
      d.names.familyCount[f]!--;
      d.names.familyTotal--;
    }
    const pairs: [TextTable, number][] = [
      [d.sexes, d.sex[i]!],
      [d.postcodes, d.postcode[i]!],
      [d.addresses, d.address[i]!],
      [d.towns, d.town[i]!],
      [d.nhsNumbers, d.nhs[i]!],
      [d.emails, d.email[i]!],
      [d.phones, d.phone[i]!],
    ];
    for (const [t, v] of pairs) {
      if (v < 0) continue;
      t.count[v]!--;
      t.total--;
    }
  }

  /** Remove the last record added (the index uses this to score a probe without keeping it). */
  pop(): void {
    const d = this.data;
    if (d.size === 0) return;
    this.uncount(d.size - 1);
    d.size--;
    for (const col of [
      d.ids,
      d.source,
      d.given,
      d.family,
      d.dob,
      d.dobDay,
      d.sex,
      d.postcode,
      d.address,
      d.town,
      d.nhs,
      d.email,
      d.phone,
    ])
      col.pop();
  }

  /** normaliseName, remembered per raw value: names repeat, in a few spellings and cases. */
  private normalName(raw: string | null | undefined): string | null {
    if (raw == null) return null;
    let n = this.normalised.get(raw);
    if (n === undefined) {
      n = normaliseName(raw);
      if (this.normalised.size < 1_000_000) this.normalised.set(raw, n);
    }
    return n;
  }

  private key(kind: 'dm' | 'parts' | 'sector' | 'district' | 'local' | 'source', s: string): number {
    let m = this.index.get(kind);
    if (!m) this.index.set(kind, (m = new Map<string, number>()));
    let id = m.get(s);
    if (id === undefined) m.set(s, (id = m.size));
    return id;
  }

  private text(t: TextTable, s: string | null): number {
    if (s === null) return -1;
    let m = this.index.get(t);
    if (!m) this.index.set(t, (m = new Map<string, number>()));
    let id = m.get(s);
    if (id === undefined) {
      id = t.values.length;
      m.set(s, id);
      t.values.push(s);
      t.count.push(0);
    }
    t.count[id]!++;
    t.total++;
    return id;
  }

  private name(s: string | null): number {
    if (s === null) return -1;
    const t = this.data.names;
    let m = this.index.get(t);
    if (!m) this.index.set(t, (m = new Map<string, number>()));
    let id = m.get(s);
    if (id !== undefined) return id;
    id = t.values.length;
    m.set(s, id);
    t.values.push(s);
    const [p, a] = doubleMetaphone(s);
    t.dm1.push(p === '' ? -1 : this.key('dm', p));
    t.dm2.push(a === '' ? -1 : this.key('dm', a));
    const own = nicknameGroups(s);
    t.nick.push(own.length > 0 ? own : nicknameGroupsNear(s));
    t.nickNear.push(own.length > 0 || t.nick[id]!.length === 0 ? 0 : 1);
    const parts = nameParts(s);
    t.parts.push(parts.map((x) => this.key('parts', x)));
    t.givenCount.push(0);
    t.familyCount.push(0);
    return id;
  }

  private postcode(raw: string | null | undefined): number {
    const s = raw?.trim() ?? '';
    if (s === '') return -1;
    const norm = normalisePostcode(s);
    const t = this.data.postcodes;
    const id = this.text(t, norm ?? s.toUpperCase().replace(/\s+/g, ''));
    if (t.sector.length <= id) {
      const sector = norm === null ? null : postcodeSector(norm);
      const district = norm === null ? null : postcodeDistrict(norm);
      t.sector.push(sector === null ? -1 : this.key('sector', sector));
      t.district.push(district === null ? -1 : this.key('district', district));
    }
    return id;
  }
}
