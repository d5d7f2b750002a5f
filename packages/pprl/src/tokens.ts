/**
 * Tokenisers: what of a normalised value goes into the filter. Similar values share most tokens,
 * so their filters share most bits.
 */
import type { TokenKind } from './schema.ts';

/**
 * Padded character bigrams of each part of the value (parts split at spaces and hyphens, so the
 * parts of a double-barrelled name each keep their bigrams). Repeated bigrams count once.
 * @example bigrams('ann') // ['_a', 'an', 'nn', 'n_']
 * @example bigrams('smith-jones') // the bigrams of 'smith' and of 'jones'
 */
export function bigrams(value: string): string[] {
  const out = new Set<string>();
  for (const part of value.split(/[\s-]+/)) {
    if (part === '') continue;
    const s = `_${part}_`;
    for (let k = 0; k + 1 < s.length; k++) out.add(s.slice(k, k + 2));
  }
  return [...out];
}

/**
 * Positional tokens of a `YYYYMMDD` date: each digit with its place, so one mistyped digit keeps
 * seven of eight tokens and swapped day and month keep the year's four.
 * @example dateTokens('20150307') // ['1:2', '2:0', '3:1', '4:5', '5:0', '6:3', '7:0', '8:7']
 */
export function dateTokens(ymd: string): string[] {
  return positionalDigits(ymd);
}

/** Each character with its (1-based) place. @example positionalDigits('42') // ['1:4', '2:2'] */
export function positionalDigits(value: string): string[] {
  return Array.from(value, (c, k) => `${k + 1}:${c}`);
}

/**
 * Positional tokens of a postcode: area, district, sector and unit of a UK postcode (`LS11 5AB` →
 * `a:LS d:LS11 s:LS11 5 u:LS11 5AB`), so a mistyped unit keeps three of four; any other code gives
 * its prefixes of two characters or more.
 */
export function postcodeTokens(postcode: string): string[] {
  const uk = /^([A-Z]{1,2})(\d[A-Z\d]?) (\d)([A-Z]{2})$/.exec(postcode);
  if (uk) {
    const [, area, district, sector] = uk;
    return [`a:${area}`, `d:${area}${district}`, `s:${area}${district} ${sector}`, `u:${postcode}`];
  }
  const out: string[] = [];
  for (let n = Math.min(2, postcode.length); n <= postcode.length; n++)
    out.push(`p${n}:${postcode.slice(0, n)}`);
  return out;
}

/** The tokens of a normalised value under a schema's tokeniser. */
export function tokenise(kind: TokenKind, value: string): string[] {
  switch (kind) {
    case 'bigrams':
      return bigrams(value);
    case 'date':
      return dateTokens(value);
    case 'postcode':
      return postcodeTokens(value);
    case 'digits':
      return positionalDigits(value);
    case 'exact':
      return [`=${value}`];
  }
}
