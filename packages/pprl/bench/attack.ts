// `npm run bench:pprl-attack`: the red-team harness. The attacker holds the index (every
// encoding) and a public list of names with their frequencies (generated: a second sample of the
// synthetic population, never the records attacked), knows the schema (it is shared with every
// agency) but not the secret. Two attacks, each against encodings with and without each hardening:
//
// 1. Frequency attack (after Kuzu et al. 2011, Christen et al. 2017): group encodings that are
//    identical or nearly so (Dice ≥ 0.9, which absorbs bit flipping), rank the groups by size and
//    the public names by frequency, and name each of the 300 largest groups after the name of the
//    same rank.
// 2. Pattern mining (after Christen, Ranbaduge, Vatsalan and Schnell 2017/2018): from the groups
//    the frequency attack named, learn which bit positions each bigram sets (the bits every named
//    group containing the bigram has set and the others mostly lack, by vote over each named group's
//    majority bits), then decode every
//    encoding by the public name whose learned bits it holds (97% of them) and that explains most
//    of its bits (Jaccard ≥ 0.5).
//
// A record counts as re-identified when the attacker names its given name correctly. The same
// harness is run on unhardened encodings first, so a low figure means the hardening works, not
// that the attack is blind.
//
//   npm run bench:pprl-attack                      # 20,000 records
//   npm run bench:pprl-attack -- --size 50000
import { parseArgs } from 'node:util';
import { generatePeople, normaliseName, type SyntheticRecord } from '@waypoint/linkage';
import { Encoder, formalGivenTokens } from '../src/encode.ts';
import { popcount32 } from '../src/kernel/reference.ts';
import { formalForms, type PprlRecord } from '../src/normalise.ts';
import { pprlRecordOf } from '../src/synthetic.ts';
import {
  defaultSchema,
  type FieldFilterSpec,
  fieldFilterPlan,
  type Hardening,
  type LinkageSchema,
} from '../src/schema.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '99' },
    // Run only the sections (a variant and its indented ones) whose name contains this text.
    only: { type: 'string' },
    // Flip probabilities to try on the default schema's own field filters besides its own.
    flips: { type: 'string', default: '' },
  },
});
const size = Number(values.size);
const population = generatePeople({ size, seed: Number(values.seed) });
const publicSample = generatePeople({ size: 50_000, seed: 424242 });
const secret = new TextEncoder().encode('the agencies secret, unknown to the attacker');

// What the attacker knows of one field: the public list of its values by frequency (from the
// other sample), and the truth the attack is scored against. `canon` maps a value to what the
// filter holds: the given-name field filter under `givenName: "formal"` holds the formal form, so
// the attacker, who knows the schema, counts Kate and Catherine as one name (and is scored so).
type NameField = 'given_name' | 'family_name';
interface Knowledge {
  names: string[];
  share: Map<string, number>;
  truth: (string | null)[];
  withName: number;
}
function knowledge(field: NameField, canon: (n: string) => string = (n) => n): Knowledge {
  const value = (r: SyntheticRecord): string | null => {
    const n = normaliseName(r[field]);
    return n ? canon(n) : null;
  };
  const freq = new Map<string, number>();
  for (const r of publicSample) {
    const g = value(r);
    if (g) freq.set(g, (freq.get(g) ?? 0) + 1);
  }
  const total = [...freq.values()].reduce((a, b) => a + b, 0);
  const truth = population.map(value);
  return {
    names: [...freq].sort((a, b) => b[1] - a[1]).map(([n]) => n),
    share: new Map([...freq].map(([n, c]) => [n, c / total])),
    truth,
    withName: truth.filter((t) => t !== null).length,
  };
}
const formalCanon = (n: string): string => formalForms(n)[0] ?? n;
const known = new Map<string, Knowledge>();
const know = (field: NameField, formal: boolean): Knowledge => {
  const id = `${field}:${formal}`;
  if (!known.has(id)) known.set(id, knowledge(field, formal ? formalCanon : undefined));
  return known.get(id)!;
};

type Target = (schema: LinkageSchema, enc: Encoder, r: PprlRecord) => Uint8Array | null;
const fieldFilter: Target = (_s, enc, r) => enc.encode(r).fields?.given_name ?? null;
const familyFilter: Target = (_s, enc, r) => enc.encode(r).fields?.family_name ?? null;
const recordFilter: Target = (_s, enc, r) => enc.encode(r).clk;
const twinHalf: Target = (_s, enc, r) => {
  const d = enc.encode(r).dob;
  return d ? d.subarray(d.length / 2) : null;
};

const NONE: Hardening = { balance: false, xorFold: false, salt: 'none', flipProbability: 0 };
const DEFAULT = defaultSchema().hardening;
const variants: { name: string; schema: LinkageSchema; target: Target; field?: NameField }[] = [];
const fieldLevel = (h: Hardening): LinkageSchema => ({ ...defaultSchema(), fieldFilters: 256, hardening: h });
variants.push({
  name: 'given-name field filter, no hardening',
  schema: fieldLevel(NONE),
  target: fieldFilter,
});
variants.push({ name: '  + balanced', schema: fieldLevel({ ...NONE, balance: true }), target: fieldFilter });
variants.push({
  name: '  + XOR folding',
  schema: fieldLevel({ ...NONE, xorFold: true }),
  target: fieldFilter,
});
variants.push({
  name: '  + salted by birth year',
  schema: fieldLevel({ ...NONE, salt: 'birth_year' }),
  target: fieldFilter,
});
variants.push({
  name: '  + bit flipping 0.02',
  schema: fieldLevel({ ...NONE, flipProbability: 0.02 }),
  target: fieldFilter,
});
variants.push({
  name: "  + the record filter's hardening (default: balanced, salted, flipping)",
  schema: fieldLevel(DEFAULT),
  target: fieldFilter,
});
variants.push({
  name: 'record filter, no hardening',
  schema: { ...defaultSchema(), hardening: NONE },
  target: recordFilter,
});
variants.push({ name: 'record filter, default schema', schema: defaultSchema(), target: recordFilter });
variants.push({ name: 'twin component (given name under dob)', schema: defaultSchema(), target: twinHalf });
// The default schema's own field-level filters (the ones the Fellegi–Sunter model compares), with
// its hardening and each hardening taken away or changed.
const ownFields = defaultSchema().fieldFilters;
if (typeof ownFields === 'object' && ownFields !== null) {
  const own = (h: Hardening, ff: Partial<FieldFilterSpec> = {}): LinkageSchema => ({
    ...defaultSchema(),
    hardening: h,
    fieldFilters: { ...ownFields, ...ff },
  });
  const flip = ownFields.flipProbability ?? DEFAULT.flipProbability;
  const label = `default field filters (${ownFields.bits} bits, given name ${ownFields.fields.given_name} bits per token)`;
  variants.push({
    name: `${label}, no hardening`,
    schema: own(NONE, { flipProbability: 0, salt: 'none' }),
    target: fieldFilter,
  });
  variants.push({
    name: '  + balanced',
    schema: own({ ...NONE, balance: true }, { flipProbability: 0, salt: 'none' }),
    target: fieldFilter,
  });
  variants.push({
    name: `  + bit flipping ${flip}`,
    schema: own(NONE, { flipProbability: flip, salt: 'none' }),
    target: fieldFilter,
  });
  variants.push({
    name: '  + salted by birth year',
    schema: own(NONE, { flipProbability: 0, salt: 'birth_year' }),
    target: fieldFilter,
  });
  variants.push({
    name: `  + balanced, flipping ${flip}, unsalted`,
    schema: own(DEFAULT, { salt: 'none' }),
    target: fieldFilter,
  });
  for (const p of values.flips.split(',').filter(Boolean).map(Number))
    variants.push({
      name: `  + default hardening, flipping ${p}`,
      schema: own(DEFAULT, { flipProbability: p }),
      target: fieldFilter,
    });
  variants.push({
    name: `  + default hardening (balanced, flipping ${flip}, salted by birth year)`,
    schema: defaultSchema(),
    target: fieldFilter,
  });
}

// The default schema's family-name field filter, attacked the same way with a public list of
// family names (as skewed as given names: Smith, Jones, Khan …).
if (typeof ownFields === 'object' && ownFields !== null) {
  const own = (h: Hardening, ff: Partial<FieldFilterSpec> = {}): LinkageSchema => ({
    ...defaultSchema(),
    hardening: h,
    fieldFilters: { ...ownFields, ...ff },
  });
  const label = `default family-name field filter (given name's key, ${ownFields.fields.family_name} bits per token)`;
  variants.push({
    name: `${label}, no hardening`,
    schema: own(NONE, { flipProbability: 0, salt: 'none' }),
    target: familyFilter,
    field: 'family_name',
  });
  variants.push({
    name: '  + balanced, flipping, unsalted',
    schema: own(DEFAULT, { salt: 'none' }),
    target: familyFilter,
    field: 'family_name',
  });
  variants.push({
    name: '  + default hardening (balanced, flipping, salted by birth year)',
    schema: defaultSchema(),
    target: familyFilter,
    field: 'family_name',
  });
}

function popcount(w: Uint32Array, o: number, words: number): number {
  let n = 0;
  for (let k = 0; k < words; k++) n += popcount32(w[o + k]!);
  return n;
}

function attack(
  know: Knowledge,
  filters: (Uint8Array | null)[],
  tokensOf: (name: string) => string[],
  expectedPop: ReadonlyMap<string, number>,
  bitsPerToken: number,
): { frequency: number; pattern: number; groups: number } {
  const idx = filters.flatMap((f, i) => (f ? [i] : []));
  const bytes = filters.find((f) => f)!.length;
  const words = bytes / 4;
  const w = new Uint32Array(idx.length * words);
  idx.forEach((i, k) => {
    w.set(
      new Uint32Array(filters[i]!.buffer.slice(filters[i]!.byteOffset, filters[i]!.byteOffset + bytes)),
      k * words,
    );
  });
  const pop = idx.map((_, k) => popcount(w, k * words, words));
  // Group near-identical encodings: exact groups first (cheap), then greedy by Dice ≥ 0.9.
  const exact = new Map<string, number[]>();
  idx.forEach((_, k) => {
    const key = Array.from(w.subarray(k * words, (k + 1) * words)).join(',');
    const list = exact.get(key) ?? [];
    list.push(k);
    exact.set(key, list);
  });
  const reps = [...exact.values()].sort((a, b) => b.length - a.length);
  const groupOf = new Int32Array(idx.length).fill(-1);
  const groups: number[][] = [];
  for (const members of reps) {
    const head = members[0]!;
    if (groupOf[head] !== -1) continue;
    const g = groups.length;
    const list: number[] = [];
    // Join every ungrouped exact-group whose representative is within Dice 0.9.
    for (const other of reps) {
      const o = other[0]!;
      if (groupOf[o] !== -1) continue;
      let both = 0;
      for (let k = 0; k < words; k++) both += popcount32(w[head * words + k]! & w[o * words + k]!);
      if ((2 * both) / (pop[head]! + pop[o]!) >= 0.9)
        for (const m of other) {
          groupOf[m] = g;
          list.push(m);
        }
      if (groups.length > 400) break;
    }
    groups.push(list);
    if (groups.length >= 400) break;
  }
  groups.sort((a, b) => b.length - a.length);
  const guess = new Array<string | null>(idx.length).fill(null);
  const named: { name: string; majority: Uint32Array }[] = [];
  // Each group is named after the most frequent unused public name whose encoding (under the
  // attacker's own key: popcount depends on the name's tokens, not on the key) sets about as many
  // bits: popcount leaks name length unless the filters are balanced.
  const used = new Set<string>();
  let rank = -1;
  groups.slice(0, 300).forEach((members) => {
    rank++;
    const gp = pop[members[0]!]!;
    // The name whose public share and popcount best fit the group's (squared errors, popcount
    // within about ±4 bits from collisions under another key).
    const share = members.length / idx.length;
    let name: string | undefined;
    let cost = Infinity;
    for (const n of know.names.slice(0, 600)) {
      const ep = expectedPop.get(n);
      if (used.has(n) || ep === undefined) continue;
      const c = (Math.log(share / know.share.get(n)!) / 0.35) ** 2 + ((gp - ep) / 4) ** 2;
      if (c < cost) {
        cost = c;
        name = n;
      }
    }
    if (!name) return;
    used.add(name);
    for (const m of members) guess[m] = name;
    const majority = new Uint32Array(words);
    for (let bit = 0; bit < words * 32; bit++) {
      let c = 0;
      for (const m of members) c += (w[m * words + (bit >> 5)]! >>> (bit & 31)) & 1;
      if (c * 2 > members.length) majority[bit >> 5]! |= 1 << (bit & 31);
    }
    if (rank < 200) named.push({ name, majority });
  });
  const frequency = guess.filter((g, k) => g !== null && g === know.truth[idx[k]!]).length;
  // Pattern mining: learn bigram positions from the named groups, then decode every encoding.
  const learned = new Map<string, Uint32Array>();
  const holders = new Map<string, Uint32Array[]>();
  for (const { name, majority } of named)
    for (const t of new Set(tokensOf(name))) (holders.get(t) ?? holders.set(t, []).get(t)!).push(majority);
  const all = named.map((x) => x.majority);
  for (const [t, list] of holders) {
    if (list.length < 5) continue;
    // A bit the bigram sets is set in (nearly) every group holding it and in the others only by
    // chance: the k bits (k is in the schema) with the largest difference, voting over groups so a
    // misnamed group does not spoil it.
    const diffs: [number, number][] = [];
    for (let bit = 0; bit < words * 32; bit++) {
      const has = (m: Uint32Array): number => (m[bit >>> 5]! >>> (bit & 31)) & 1;
      const inHolders = list.reduce((n, m) => n + has(m), 0);
      const inOthers = all.reduce((n, m) => n + has(m), 0) - inHolders;
      const h = inHolders / list.length;
      if (h >= 0.6) diffs.push([bit, h - inOthers / Math.max(1, all.length - list.length)]);
    }
    diffs.sort((x, y) => y[1] - x[1]);
    const bits = new Uint32Array(words);
    for (const [bit] of diffs.slice(0, bitsPerToken)) bits[bit >>> 5]! |= 1 << (bit & 31);
    learned.set(t, bits);
  }
  const predictions: { name: string; bits: Uint32Array; pop: number }[] = [];
  for (const name of know.names.slice(0, 3000)) {
    const ts = tokensOf(name);
    if (ts.length === 0 || ts.some((t) => !learned.has(t))) continue;
    const bits = new Uint32Array(words);
    for (const t of ts) for (let k = 0; k < words; k++) bits[k]! |= learned.get(t)![k]!;
    predictions.push({ name, bits, pop: popcount(bits, 0, words) });
  }
  let pattern = 0;
  idx.forEach((i, k) => {
    let best = 0;
    let bestName: string | null = null;
    for (const p of predictions) {
      let both = 0;
      for (let q = 0; q < words; q++) both += popcount32(w[k * words + q]! & p.bits[q]!);
      // Every bit the name should set must be set (97%, allowing for flips); of those names, the
      // one that explains most of the encoding wins.
      if (both < 0.9 * p.pop) continue;
      const jaccard = both / (pop[k]! + p.pop - both);
      if (jaccard > best) {
        best = jaccard;
        bestName = p.name;
      }
    }
    if (best >= 0.5 && bestName === know.truth[i]) pattern++;
  });
  return { frequency, pattern, groups: groups.length };
}

const givenKnown = know('given_name', false);
console.log(
  `red-team harness: ${size.toLocaleString('en-GB')} synthetic records (seed ${values.seed}), ${givenKnown.withName.toLocaleString('en-GB')} with a given name; public lists: ${givenKnown.names.length.toLocaleString('en-GB')} given names and ${know('family_name', false).names.length.toLocaleString('en-GB')} family names from another sample of 50,000`,
);
console.log(
  'share of records whose given name (family name, in the family-name rows) the attacker names correctly:',
);
let section = '';
for (const v of variants) {
  if (!v.name.startsWith(' ')) section = v.name;
  if (values.only !== undefined && !section.includes(values.only)) continue;
  const field: NameField = v.field ?? 'given_name';
  const isField = v.target === fieldFilter || v.target === familyFilter;
  const formal = isField && field === 'given_name' && fieldFilterPlan(v.schema)?.givenName === 'formal';
  const k0 = know(field, formal);
  const enc = new Encoder(v.schema, secret);
  const filters = population.map((r) => v.target(v.schema, enc, pprlRecordOf(r)));
  const attackerEncoder = new Encoder(
    v.schema,
    new TextEncoder().encode('attacker has no key, only the schema'),
  );
  const tokensOf = (name: string): string[] =>
    formal ? formalGivenTokens(name) : (attackerEncoder.tokens(new Map([[field, name]])).get(field) ?? []);
  const expectedPop = new Map<string, number>();
  for (const name of k0.names.slice(0, 3000)) {
    const f = v.target(v.schema, attackerEncoder, { id: 'x', [field]: name, dob: '2015-01-01' });
    if (f)
      expectedPop.set(
        name,
        f.reduce((n, b) => n + popcount32(b), 0),
      );
  }
  const k = isField
    ? (fieldFilterPlan(v.schema)?.fields.get(field) ?? v.schema.fields[field]!.bitsPerToken)
    : v.schema.fields[field]!.bitsPerToken;
  const r = attack(k0, filters, tokensOf, expectedPop, k);
  const pct = (x: number): string => `${((100 * x) / k0.withName).toFixed(2)}%`.padStart(7);
  console.log(
    `  ${v.name.padEnd(48)} frequency attack ${pct(r.frequency)}   pattern mining ${pct(r.pattern)}`,
  );
}
