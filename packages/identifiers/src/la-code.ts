/**
 * Three-digit local authority codes used by the DfE (post-April-1998 codes and pseudo-LA codes),
 * as ranges, following CIN rule 1530: 001–005, 201–213, 301–320, 330–336, 340–344, 350–359,
 * 370–373, 380–384, 390–394, 420, 660–681, 701–708, 800–803, 805–808, 810–813, 815, 816, 820–823,
 * 825, 826, 830, 831, 835–841, 845, 846, 850–852, 855–857, 860, 861, 865–896, 908, 909, 916, 919,
 * 921, 925, 926, 928, 929, 931, 933, 935–938, 940, 941.
 */
const RANGES: ReadonlyArray<readonly [number, number]> = [
  [1, 5],
  [201, 213],
  [301, 320],
  [330, 336],
  [340, 344],
  [350, 359],
  [370, 373],
  [380, 384],
  [390, 394],
  [420, 420],
  [660, 681],
  [701, 708],
  [800, 803],
  [805, 808],
  [810, 813],
  [815, 816],
  [820, 823],
  [825, 826],
  [830, 831],
  [835, 841],
  [845, 846],
  [850, 852],
  [855, 857],
  [860, 861],
  [865, 896],
  [908, 909],
  [916, 916],
  [919, 919],
  [921, 921],
  [925, 926],
  [928, 929],
  [931, 931],
  [933, 933],
  [935, 938],
  [940, 941],
];

/** True when the three characters are a recognised LA code, e.g. `'201'`. */
export function isValidLaCode(code: string): boolean {
  if (!/^\d{3}$/.test(code)) return false;
  const n = Number(code);
  return RANGES.some(([lo, hi]) => n >= lo && n <= hi);
}

/** LA child ID in returns: 1–20 letters or digits. */
export function isValidLaChildId(id: string): boolean {
  return /^[A-Za-z0-9]{1,20}$/.test(id);
}
