/**
 * String similarity measures used by the comparison levels. Written for speed: they read
 * `charCodeAt` directly and reuse module-level scratch buffers, so scoring a pair allocates nothing.
 */

let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);
let rowPrev = new Int32Array(64);
let rowCur = new Int32Array(64);
let rowPrev2 = new Int32Array(64);

function ensure(n: number): void {
  if (n <= flagsA.length) return;
  const size = Math.max(n, flagsA.length * 2);
  flagsA = new Uint8Array(size);
  flagsB = new Uint8Array(size);
  rowPrev = new Int32Array(size);
  rowCur = new Int32Array(size);
  rowPrev2 = new Int32Array(size);
}

/**
 * Jaro similarity in [0, 1]; 1 for identical strings, 0 when nothing matches (or either is empty).
 * @example jaro('martha', 'marhta') // 0.944…
 */
export function jaro(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (a === b) return 1;
  ensure(Math.max(la, lb) + 1);
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const c = a.charCodeAt(i);
    const lo = i > window ? i - window : 0;
    const hi = Math.min(lb - 1, i + window);
    for (let k = lo; k <= hi; k++) {
      if (flagsB[k] === 0 && b.charCodeAt(k) === c) {
        flagsA[i] = 1;
        flagsB[k] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  return (m / la + m / lb + (m - transpositions / 2) / m) / 3;
}

/**
 * Jaro–Winkler similarity: Jaro boosted by a shared prefix of up to four characters (scaling 0.1),
 * as in Winkler (1990) and Splink's `jaro_winkler_similarity`.
 * @example jaroWinkler('martha', 'marhta') // 0.961…
 */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j === 0) return 0;
  const limit = Math.min(4, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

/**
 * Levenshtein edit distance (insertions, deletions, substitutions).
 * @example levenshtein('kitten', 'sitting') // 3
 */
export function levenshtein(a: string, b: string): number {
  return editDistance(a, b, false, Infinity);
}

/**
 * Damerau–Levenshtein distance in its optimal-string-alignment form: Levenshtein plus the
 * transposition of two adjacent characters as one edit.
 * @example damerauLevenshtein('jonh', 'john') // 1
 */
export function damerauLevenshtein(a: string, b: string): number {
  return editDistance(a, b, true, Infinity);
}

/**
 * True when the Damerau–Levenshtein distance is at most `max`; stops early once it cannot be,
 * which keeps it cheap on the many pairs of unrelated strings that blocking produces.
 * @example withinEdits('catherine', 'katherine', 1) // true
 */
export function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  if (max === 1) return withinOneEdit(a, b);
  return editDistance(a, b, true, max) <= max;
}

/**
 * Damerau–Levenshtein distance ≤ 1 in one linear pass: equal strings, one substitution, one
 * adjacent transposition, or one insertion or deletion.
 * @example withinOneEdit('tomas', 'thomas') // true
 */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la === lb) {
    let k = 0;
    while (k < la && a.charCodeAt(k) === b.charCodeAt(k)) k++;
    if (k >= la - 1) return true;
    if (a.charCodeAt(k + 1) === b.charCodeAt(k + 1)) k += 2;
    else if (a.charCodeAt(k) === b.charCodeAt(k + 1) && a.charCodeAt(k + 1) === b.charCodeAt(k)) k += 2;
    else return false;
    for (; k < la; k++) if (a.charCodeAt(k) !== b.charCodeAt(k)) return false;
    return true;
  }
  if (la === lb + 1) return withinOneEdit(b, a);
  if (lb !== la + 1) return false;
  let k = 0;
  while (k < la && a.charCodeAt(k) === b.charCodeAt(k)) k++;
  for (; k < la; k++) if (a.charCodeAt(k) !== b.charCodeAt(k + 1)) return false;
  return true;
}

/**
 * A 64-bit signature of a string's character bigrams, as two 32-bit halves. Strings sharing few
 * bigrams cannot be near-identical, so comparing signatures lets a long-string similarity be
 * skipped for the many unrelated pairs.
 */
export function bigramSignature(s: string): [number, number] {
  let lo = 0;
  let hi = 0;
  for (let k = 0; k + 1 < s.length; k++) {
    const h = Math.imul(s.charCodeAt(k) * 31 + s.charCodeAt(k + 1), 2654435761) >>> 26;
    if (h < 32) lo |= 1 << h;
    else hi |= 1 << (h - 32);
  }
  return [lo, hi];
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Dice coefficient of two bigram signatures, in [0, 1]. */
export function signatureDice(aLo: number, aHi: number, bLo: number, bHi: number): number {
  const both = popcount(aLo & bLo) + popcount(aHi & bHi);
  const total = popcount(aLo) + popcount(aHi) + popcount(bLo) + popcount(bHi);
  return total === 0 ? 1 : (2 * both) / total;
}

function editDistance(a: string, b: string, transpose: boolean, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (la === 0) return lb;
  if (lb === 0) return la;
  ensure(lb + 1);
  for (let k = 0; k <= lb; k++) rowPrev[k] = k;
  for (let i = 1; i <= la; i++) {
    rowCur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let k = 1; k <= lb; k++) {
      const cb = b.charCodeAt(k - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(rowPrev[k]! + 1, rowCur[k - 1]! + 1, rowPrev[k - 1]! + cost);
      if (transpose && i > 1 && k > 1 && ca === b.charCodeAt(k - 2) && a.charCodeAt(i - 2) === cb) {
        v = Math.min(v, rowPrev2[k - 2]! + 1);
      }
      rowCur[k] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return rowMin;
    const t = rowPrev2;
    rowPrev2 = rowPrev;
    rowPrev = rowCur;
    rowCur = t;
  }
  return rowPrev[lb]!;
}
