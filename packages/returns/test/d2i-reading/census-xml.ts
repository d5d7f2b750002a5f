/**
 * The second set of files for the agreement check: census XML written directly as text, apart from
 * the package's model, generator and writer (a generator we wrote shares our blind spots, so this
 * one has its own shapes and its own error mix). Children have one or two CIN details modules,
 * some with a section 47 and a conference, some with a conference on the CIN details module; the
 * errors include conference dates on weekends, bank holidays and either side of the census year on
 * either module, flags written `1`, `True`, `FALSE` or left out, referrals on the days around
 * 1 April, closures on the year's edges or impossible days, disability codes in other letter
 * cases or with spaces, two children sharing an LAchildID, and headers with the Year or the
 * ReferenceDate missing or written otherwise.
 */
import { Random } from '@waypoint/random';

const DAY = 86_400_000;
const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const day = (s: string) => Math.round(Date.parse(`${s}T00:00:00Z`) / DAY);
const CODES = ['MOB', 'HAND', 'PC', 'INC', 'COMM', 'LD', 'HEAR', 'VIS', 'BEH', 'CON', 'AUT', 'DDA'];

function el(tag: string, v: string | null | undefined, pad: string): string {
  return v === undefined ? '' : `${pad}<${tag}>${v ?? ''}</${tag}>\n`;
}

/** One census file of `children` children for the year ending 31 March `endYear`. */
export function independentCensusXml(seed: number, endYear: number, children: number): string {
  const r = new Random(seed * 104_729 + endYear);
  const start = day(`${endYear - 1}-04-01`);
  const end = day(`${endYear}-03-31`);
  const anyDay = (a: number, b: number) => a + r.int(0, b - a);
  const usesSex = endYear >= 2025; // Sex from 2024/25, GenderCurrent before
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n<Header>\n<CollectionDetails>\n',
  ];
  out.push(el('Collection', 'CIN', ''));
  if (!r.chance(0.05)) out.push(el('Year', String(endYear), ''));
  const refForm = r.pick(['iso', 'iso', 'iso', 'iso', 'midnight', 'nine', 'gone', 'early']);
  const ref = {
    iso: `${endYear}-03-31`,
    midnight: `${endYear}-03-31T00:00:00`,
    nine: `${endYear}-03-31T09:30:00`,
    gone: undefined,
    early: `${endYear}-03-24`,
  }[refForm];
  out.push(el('ReferenceDate', ref, ''));
  out.push('</CollectionDetails>\n<Source><LEA>990</LEA></Source>\n</Header>\n<Children>\n');
  const fewCodes = r.chance(0.3) ? CODES.slice(0, 5) : CODES;
  const noSex = r.chance(0.3) ? 0.05 : 0.005;
  let lastId = 'IX0';
  for (let n = 1; n <= children; n++) {
    const id = r.chance(0.01) ? lastId : r.chance(0.003) ? null : `IX${seed}${n}`;
    lastId = id ?? lastId;
    out.push('<Child>\n<ChildIdentifiers>\n');
    out.push(el('LAchildID', id, ' '));
    const unborn = r.chance(0.02);
    out.push(
      el(
        unborn ? 'ExpectedPersonBirthDate' : 'PersonBirthDate',
        iso(anyDay(end - 6000, end - (unborn ? -100 : 40))),
        ' ',
      ),
    );
    const missing = r.chance(noSex);
    if (usesSex) out.push(el('Sex', missing ? r.pick([null, 'U']) : r.pick(['M', 'F']), ' '));
    else out.push(el('GenderCurrent', missing ? r.pick([null, '0']) : r.pick(['1', '2']), ' '));
    out.push('</ChildIdentifiers>\n<ChildCharacteristics>\n<Ethnicity>WBRI</Ethnicity>\n<Disabilities>\n');
    const ds = r.chance(0.8) ? ['NONE'] : r.some(fewCodes, r.int(1, 2));
    if (r.chance(0.02)) ds.push(r.pick(['NONE', 'none', 'MOB', 'mob', ' NONE', 'HAND', '']));
    for (const d of ds) out.push(el('Disability', d, ' '));
    out.push('</Disabilities>\n</ChildCharacteristics>\n');
    const episodes = r.chance(0.2) ? 2 : 1;
    for (let e = 0; e < episodes; e++) out.push(episode(r, start, end, anyDay));
    out.push('</Child>\n');
  }
  out.push('</Children>\n</Message>\n');
  return out.join('');
}

function episode(r: Random, start: number, end: number, anyDay: (a: number, b: number) => number): string {
  const s: string[] = ['<CINdetails>\n'];
  const early = r.chance(0.25);
  let referral = early ? anyDay(start - 700, start - 1) : anyDay(start, end);
  if (r.chance(0.04)) referral = start + r.int(-4, 2); // the days around 1 April
  const refText = r.chance(0.01)
    ? r.pick([null, `${iso(end).slice(0, 4)}-02-31`, iso(end + r.int(1, 40))])
    : iso(referral);
  s.push(el('CINreferralDate', refText, ' '));
  s.push(el('ReferralSource', '1A', ' '));
  const nfa = !early && r.chance(0.3);
  const closed = nfa || r.chance(0.4);
  if (closed) {
    let closure = nfa ? referral : Math.min(end, referral + r.int(0, 200));
    if (r.chance(0.05)) closure = r.pick([start - 1, start, end, end + 1, start - 30]);
    s.push(el('CINclosureDate', r.chance(0.01) ? `${iso(end).slice(0, 4)}-04-31` : iso(closure), ' '));
    s.push(el('ReasonForClosure', nfa ? 'RC7' : 'RC1', ' '));
  }
  const own = !nfa && r.chance(0.05);
  if (own) s.push(el('DateOfInitialCPC', iso(conference(r, referral, start, end)), ' '));
  if (!nfa && !own && r.chance(0.35)) {
    s.push('<Section47>\n');
    s.push(el('S47ActualStartDate', iso(referral + 1), ' '));
    if (r.chance(0.8)) s.push(el('DateOfInitialCPC', iso(conference(r, referral, start, end)), ' '));
    s.push(el('ICPCnotRequired', 'false', ' '));
    s.push('</Section47>\n');
  }
  let flag: string | null | undefined = nfa ? 'true' : 'false';
  if (r.chance(0.06)) flag = r.pick(['1', '0', 'True', 'FALSE', 'TRUE', null, undefined, 'true']);
  s.push(el('ReferralNFA', flag, ' '));
  s.push('</CINdetails>\n');
  return s.join('');
}

/** A conference date: mostly a working day soon after the referral, sometimes an error. */
function conference(r: Random, referral: number, start: number, end: number): number {
  let d = referral + r.int(5, 20);
  if (r.chance(0.1)) d = r.pick([start - r.int(1, 60), end + r.int(1, 30), referral - r.int(1, 10)]);
  const weekendOk = r.chance(0.08);
  while (!weekendOk && (((d + 3) % 7) + 7) % 7 >= 5) d += 1;
  return d;
}
