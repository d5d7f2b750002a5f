/**
 * Grouping short reports by theme: TF-IDF vectors over words (lower case, stop words removed, a
 * light suffix stemmer), compared by cosine similarity, and clustered greedily (each report joins
 * the most similar theme if it is similar enough, else starts its own). Deterministic, no model,
 * a few milliseconds for thousands of sentences. Each theme is named by its three heaviest words.
 */

const stopWords = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have i in into is it its ' +
    'me my no not of on or our so than that the their them then there they this to too up was we were ' +
    'what when which while who will with would you your again all also am any because before being ' +
    'get got getting just more much very way one out over only about after through'
  ).split(' '),
);

/** Words of a sentence as compared: lower case, no stop words, plurals and -ing/-ed trimmed. */
export function terms(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 2 && !stopWords.has(w))
    .map((w) => w.replace(/(ing|ed|es|s)$/, '').replace(/(.)\1$/, '$1'))
    .filter((w) => w.length > 2);
}

type Vector = Map<string, number>;

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of a) {
    na += v * v;
    const w = b.get(k);
    if (w !== undefined) dot += v * w;
  }
  for (const v of b.values()) nb += v * v;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

export interface Theme<T> {
  name: string;
  items: T[];
}

/**
 * Groups items by the similarity of their text.
 * @example themes(reports, (r) => r.body) // [{ name: 'printer, form, slow', items: [...] }, ...]
 */
export function themes<T>(items: readonly T[], textOf: (item: T) => string, threshold = 0.3): Theme<T>[] {
  const docs = items.map((i) => terms(textOf(i)));
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const vectors: Vector[] = docs.map((d) => {
    const v: Vector = new Map();
    for (const t of d) v.set(t, (v.get(t) ?? 0) + 1);
    for (const [t, tf] of v) v.set(t, tf * Math.log(1 + n / (df.get(t) ?? 1)));
    return v;
  });
  const clusters: { centroid: Vector; members: number[] }[] = [];
  vectors.forEach((v, i) => {
    let best = -1;
    let bestScore = threshold;
    clusters.forEach((c, j) => {
      const score = cosine(v, c.centroid);
      if (score >= bestScore) {
        best = j;
        bestScore = score;
      }
    });
    const cluster = clusters[best];
    if (cluster === undefined) {
      clusters.push({ centroid: new Map(v), members: [i] });
      return;
    }
    cluster.members.push(i);
    for (const [t, w] of v) cluster.centroid.set(t, (cluster.centroid.get(t) ?? 0) + w);
  });
  return clusters
    .map((c) => ({
      name:
        [...c.centroid.entries()]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .slice(0, 3)
          .map(([t]) => t)
          .join(', ') || 'other',
      items: c.members.map((m) => items[m]!),
    }))
    .sort((a, b) => b.items.length - a.items.length || a.name.localeCompare(b.name));
}
