/** Email addresses, found from each "@" outwards (a regex from every position is slow on long texts). */

const isLocal = (c: string): boolean => /[\p{L}\p{N}._%+-]/u.test(c);
const isDomain = (c: string): boolean => /[\p{L}\p{N}.-]/u.test(c);

/**
 * Every email address in the text as [start, end) pairs.
 * @example
 * findEmails('mail kerry.smith@example.com.'); // [[5, 28]]
 */
export function findEmails(text: string): [number, number][] {
  const out: [number, number][] = [];
  let at = text.indexOf('@');
  while (at >= 0) {
    let s = at;
    while (s > 0 && isLocal(text[s - 1]!)) s--;
    let e = at + 1;
    while (e < text.length && isDomain(text[e]!)) e++;
    while (e > at + 1 && /[.-]/.test(text[e - 1]!)) e--; // a full stop after the address is not part of it
    while (s < at && /[.]/.test(text[s]!)) s++;
    if (s < at && /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u.test(text.slice(at + 1, e))) out.push([s, e]);
    at = text.indexOf('@', Math.max(e, at + 1));
  }
  return out;
}
