/**
 * The encoder: a record's identity → a keyed, hardened Bloom-filter encoding with its blocking
 * keys. Runs on the publishing agency's side; only its output leaves.
 */
import { webcrypto } from 'node:crypto';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { isValidNhsNumber, isValidUpn, postcodeDistrict } from '@waypoint/identifiers';
import type { DateFormat } from '@waypoint/linkage';
import { checkSecret, deriveKey, KeyedStream, keyId, TokenHasher } from './keys.ts';
import { EncodingInputError, formalForms, normaliseField, type PprlRecord } from './normalise.ts';
import {
  type BlockingKeyRule,
  fieldFilterPlan,
  type LinkageSchema,
  type PprlField,
  PPRL_FIELDS,
  type SaltAttribute,
  type TokenKind,
  schemaId,
} from './schema.ts';
import { tokenise } from './tokens.ts';

/** One encoded record: what an agency publishes to the index. No plaintext of any field. */
export interface Encoding {
  /** The agency's opaque record id. */
  id: string;
  /** Identifier of the schema it was encoded under ({@link schemaId}). */
  schema: string;
  /** Identifier of the key version ({@link keyId}). */
  key: string;
  /** The record-level filter, `bits / 8` bytes; bit i is bit (i mod 8) of byte ⌊i / 8⌋. */
  clk: Uint8Array;
  /**
   * The separate date-of-birth component, or null when there is none (no dob, or none in the
   * schema): a filter of the date's digits, then one of the given name salted with the full date.
   */
  dob: Uint8Array | null;
  /** Field-level filters, when the schema asks for them. */
  fields?: Partial<Record<PprlField, Uint8Array>>;
  /** Blocking keys: keyed hashes of coarse attributes and LSH bands over the bits. */
  blocks: string[];
}

export interface EncoderOptions {
  /** How dates of birth are written in the input (as `waypoint-link --date-format`). */
  dateFormat?: DateFormat;
  /** Random bytes for bit flipping (default: the operating system's cryptographic source). */
  randomBytes?: (n: number) => Uint8Array;
}

const NAME_FIELDS: readonly PprlField[] = ['given_name', 'family_name', 'other_names', 'full_name'];
/** The name fields whose filters `sharedNameKey` puts under one key. */
const SWAPPABLE: readonly PprlField[] = ['given_name', 'family_name'];

const BLOCK_PREFIX: Record<BlockingKeyRule, string> = {
  dob: 'd',
  postcode: 'p',
  nhs_number: 'n',
  upn: 'u',
  birth_year_postcode_district: 'yd',
};

/** One filter's layout and hashers: the record filter, or one field's filter. */
class FilterLayout {
  /** Length bits are set in before folding and balancing. */
  readonly baseBits: number;
  readonly permutation: Uint16Array | null;

  constructor(
    readonly bits: number,
    readonly balance: boolean,
    readonly fold: boolean,
    permutationKey: Uint8Array,
  ) {
    this.baseBits = (balance ? bits / 2 : bits) * (fold ? 2 : 1);
    this.permutation = balance ? new KeyedStream(permutationKey).permutation(bits) : null;
  }
}

/**
 * The given-name filter's tokens under `givenName: "formal"`: the bigrams of the name with its
 * first part replaced by its formal form(s) from the nickname list, or of the name as written when
 * the list does not know it. A name that is itself a formal form (Joshua) keeps its own bigrams
 * once, where the record filter's tokens hold them twice (as written and marked as formal), which
 * made one slip in Joshua cost twice the bits of one slip in an unknown name; a nickname and its
 * formal name agree exactly (Kate and Catherine).
 * @example formalGivenTokens('kate') // bigrams('catherine'), with those of other formal forms
 */
export function formalGivenTokens(given: string, kind: TokenKind = 'bigrams'): string[] {
  const forms = formalForms(given).slice(0, 2);
  if (forms.length === 0) return tokenise(kind, given);
  const first = given.split(/[\s-]/)[0] ?? given;
  const rest = given.slice(first.length);
  return [...new Set(forms.flatMap((f) => tokenise(kind, f + rest)))];
}

function setBit(f: Uint8Array, i: number): void {
  f[i >> 3]! |= 1 << (i & 7);
}
function getBit(f: Uint8Array, i: number): number {
  return (f[i >> 3]! >> (i & 7)) & 1;
}

const BASE64URL = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

/**
 * Encodes records under one schema and one secret.
 *
 * @example
 * const encoder = new Encoder(defaultSchema(), secretBytes, { dateFormat: 'YYYY-MM-DD' });
 * const e = encoder.encode({ id: 'A-17', given_name: 'Kate', family_name: 'Oyelaran', dob: '2015-03-07' });
 * e.schema; e.key; e.clk.length; // 128 bytes: 1,024 bits
 */
export class Encoder {
  readonly schemaId: string;
  readonly keyId: string;
  private readonly record: FilterLayout;
  private readonly hashers = new Map<PprlField, TokenHasher>();
  private readonly fieldLayouts = new Map<PprlField, FilterLayout>();
  private readonly fieldHashers = new Map<PprlField, TokenHasher>();
  private readonly dobHasher: TokenHasher | null;
  private readonly twinHasher: TokenHasher | null;
  private readonly blockKeys: Map<BlockingKeyRule, Uint8Array>;
  private readonly lsh: Uint16Array[];
  private readonly saltFields: ReadonlySet<PprlField>;
  private readonly dateFormat: DateFormat;
  private readonly randomBytes: (n: number) => Uint8Array;
  private readonly fields: readonly PprlField[];
  private readonly fieldFlip: number;
  private readonly fieldSalt: SaltAttribute;
  private readonly formalGivenName: boolean;

  constructor(
    readonly schema: LinkageSchema,
    secret: Uint8Array,
    options: EncoderOptions = {},
  ) {
    const s = checkSecret(secret);
    this.schemaId = schemaId(schema);
    this.keyId = keyId(s);
    const key = (purpose: string): Uint8Array => deriveKey(s, this.schemaId, purpose);
    const h = schema.hardening;
    this.record = new FilterLayout(schema.bits, h.balance, h.xorFold, key('balance'));
    this.fields = PPRL_FIELDS.filter((f) => schema.fields[f] !== undefined);
    const plan = fieldFilterPlan(schema);
    this.fieldFlip = plan?.flipProbability ?? 0;
    this.fieldSalt = plan?.salt ?? 'none';
    this.formalGivenName = plan?.givenName === 'formal';
    for (const f of this.fields) {
      const spec = schema.fields[f]!;
      this.hashers.set(
        f,
        new TokenHasher(schema.hash, key(`field:${f}`), this.record.baseBits, spec.bitsPerToken),
      );
      const k = plan?.fields.get(f);
      if (plan && k !== undefined) {
        // Swapped names compare crosswise only if both name filters share a key and permutation.
        const purpose = plan.sharedNameKey && SWAPPABLE.includes(f) ? 'names' : f;
        const layout = new FilterLayout(plan.bits, h.balance, h.xorFold, key(`balance:${purpose}`));
        this.fieldLayouts.set(f, layout);
        this.fieldHashers.set(
          f,
          new TokenHasher(schema.hash, key(`field-filter:${purpose}`), layout.baseBits, k),
        );
      }
    }
    this.dobHasher = schema.dobComponent
      ? new TokenHasher(
          schema.hash,
          key('dob-component'),
          schema.dobComponent.bits,
          schema.dobComponent.bitsPerToken,
        )
      : null;
    this.twinHasher = schema.dobComponent
      ? new TokenHasher(
          schema.hash,
          key('twin-component'),
          schema.dobComponent.bits,
          schema.dobComponent.bitsPerToken,
        )
      : null;
    this.blockKeys = new Map(schema.blocking.keys.map((r) => [r, key(`blocking:${r}`)]));
    const lsh = schema.blocking.lsh;
    const stream = new KeyedStream(key('lsh'));
    this.lsh = lsh
      ? Array.from({ length: lsh.bands }, () =>
          Uint16Array.from({ length: lsh.bitsPerBand }, () => stream.below(schema.bits)),
        )
      : [];
    this.saltFields = new Set(h.saltFields ?? NAME_FIELDS);
    this.dateFormat = options.dateFormat ?? 'auto';
    this.randomBytes = options.randomBytes ?? ((n) => webcrypto.getRandomValues(new Uint8Array(n)));
  }

  /** The normalised values of a record's schema fields (missing ones left out). */
  normalise(record: PprlRecord): Map<PprlField, string> {
    const values = new Map<PprlField, string>();
    for (const f of this.fields) {
      const v = normaliseField(f, record[f], this.dateFormat);
      if (v !== null) values.set(f, v);
    }
    return values;
  }

  /** The tokens each field contributes (as hashed, before salting). */
  tokens(values: ReadonlyMap<PprlField, string>): Map<PprlField, string[]> {
    const out = new Map<PprlField, string[]>();
    for (const [f, v] of values) {
      const spec = this.schema.fields[f]!;
      const tokens = tokenise(spec.tokens, v);
      if (spec.formalForms) {
        for (const formal of formalForms(v).slice(0, 2))
          for (const t of tokenise(spec.tokens, formal)) tokens.push(`f${t}`);
      }
      out.set(f, tokens);
    }
    return out;
  }

  private salt(values: ReadonlyMap<PprlField, string>, salt = this.schema.hardening.salt): string {
    switch (salt) {
      case 'none':
        return '';
      case 'birth_year':
        return values.get('dob')?.slice(0, 4) ?? '';
      case 'sex':
        return values.get('sex') ?? '';
    }
  }

  private build(
    layout: FilterLayout,
    fills: (set: (i: number) => void) => void,
    p = this.schema.hardening.flipProbability,
  ): Uint8Array {
    const base = new Uint8Array(layout.baseBits / 8);
    fills((i) => {
      setBit(base, i);
    });
    let f = base;
    if (layout.fold) {
      const half = base.length / 2;
      f = new Uint8Array(half);
      for (let k = 0; k < half; k++) f[k] = base[k]! ^ base[k + half]!;
    }
    if (p > 0) {
      const n = f.length * 8;
      const r = this.randomBytes(n * 2);
      const limit = Math.round(p * 65536);
      for (let i = 0; i < n; i++) if ((r[2 * i]! | (r[2 * i + 1]! << 8)) < limit) f[i >> 3]! ^= 1 << (i & 7);
    }
    if (!layout.permutation) return f;
    const out = new Uint8Array(layout.bits / 8);
    const half = layout.bits / 2;
    const perm = layout.permutation;
    for (let i = 0; i < half; i++) {
      if (getBit(f, i)) setBit(out, perm[i]!);
      else setBit(out, perm[i + half]!);
    }
    return out;
  }

  /**
   * Encode one record.
   * @throws EncodingInputError on a NUL byte, an absurd date of birth, or a record with no value in any schema field
   */
  encode(record: PprlRecord): Encoding {
    if (record.id.includes('\u0000')) throw new EncodingInputError('id: contains a NUL byte');
    const values = this.normalise(record);
    if (values.size === 0)
      throw new EncodingInputError(`record ${record.id}: no value in any field of the schema`);
    const tokens = this.tokens(values);
    const salt = this.salt(values);
    const saltFor = (f: PprlField): string => (this.saltFields.has(f) ? salt : '');
    const clk = this.build(this.record, (set) => {
      for (const [f, ts] of tokens) {
        const hasher = this.hashers.get(f)!;
        const s = saltFor(f);
        for (const t of ts) for (const i of hasher.positions(t, s)) set(i);
      }
    });
    let fields: Encoding['fields'];
    if (this.fieldLayouts.size > 0) {
      fields = {};
      const fieldSalt = this.salt(values, this.fieldSalt);
      const saltFor = (f: PprlField): string => (this.saltFields.has(f) ? fieldSalt : '');
      for (const [f, recordTokens] of tokens) {
        const hasher = this.fieldHashers.get(f);
        if (!hasher) continue;
        const ts =
          f === 'given_name' && this.formalGivenName
            ? formalGivenTokens(values.get(f)!, this.schema.fields[f]!.tokens)
            : recordTokens;
        const s = saltFor(f);
        fields[f] = this.build(
          this.fieldLayouts.get(f)!,
          (set) => {
            for (const t of ts) for (const i of hasher.positions(t, s)) set(i);
          },
          this.fieldFlip,
        );
      }
    }
    const dobValue = values.get('dob');
    let dob: Uint8Array | null = null;
    if (this.dobHasher && this.twinHasher && dobValue !== undefined) {
      // First half: the date's digits. Second half: the given name under the full date as salt.
      const half = this.schema.dobComponent ? this.schema.dobComponent.bits : 0;
      dob = new Uint8Array(half / 4);
      for (const t of tokenise('date', dobValue))
        for (const i of this.dobHasher.positions(t, '')) setBit(dob, i);
      for (const t of tokens.get('given_name') ?? [])
        for (const i of this.twinHasher.positions(t, dobValue)) setBit(dob, half + i);
    }
    return {
      id: record.id,
      schema: this.schemaId,
      key: this.keyId,
      clk,
      dob,
      ...(fields ? { fields } : {}),
      blocks: this.blocking(values, clk),
    };
  }

  private blocking(values: ReadonlyMap<PprlField, string>, clk: Uint8Array): string[] {
    const out: string[] = [];
    for (const [rule, key] of this.blockKeys) {
      let v: string | null | undefined;
      if (rule === 'birth_year_postcode_district') {
        const pc = values.get('postcode');
        const district = pc === undefined ? null : postcodeDistrict(pc);
        const dob = values.get('dob');
        v = district && dob ? `${dob.slice(0, 4)} ${district}` : null;
      } else if (rule === 'nhs_number') {
        v = values.get('nhs_number');
        if (v !== undefined && !isValidNhsNumber(v)) v = null;
      } else if (rule === 'upn') {
        v = values.get('upn');
        if (v !== undefined && !isValidUpn(v)) v = null;
      } else v = values.get(rule);
      if (v == null) continue;
      out.push(`${BLOCK_PREFIX[rule]}:${BASE64URL(hmac(sha256, key, utf8ToBytes(v)).subarray(0, 6))}`);
    }
    this.lsh.forEach((positions, band) => {
      let hex = '';
      for (let k = 0; k < positions.length; k += 4) {
        let nibble = 0;
        for (let j = 0; j < 4 && k + j < positions.length; j++) nibble |= getBit(clk, positions[k + j]!) << j;
        hex += nibble.toString(16);
      }
      out.push(`l${band}:${hex}`);
    });
    return out;
  }
}
