/**
 * Our reading of the D2I validator (`oracle.ts`) on hand-built census XML, then the validator
 * against it on generated files: every difference must have a known, documented cause.
 */
import { describe, expect, it } from 'vitest';
import { endYearOf } from '../../src/years.ts';
import { compare, f1 } from './agreement.ts';
import { independentCensusXml } from './census-xml.ts';
import { d2iReading } from './oracle.ts';
import { plantedXml } from './plant.ts';
import { readD2iTables } from './tables.ts';

interface Kid {
  id: string | null;
  sex?: string;
  disabilities?: string[];
  episodes: string[];
}

/** A census file; each episode is the inner XML of a CINdetails module. */
function xml(ref: string | null, kids: Kid[], year = '2024'): string {
  const child = (k: Kid) =>
    `<Child><ChildIdentifiers>${k.id === null ? '' : `<LAchildID>${k.id}</LAchildID>`}<PersonBirthDate>2015-01-01</PersonBirthDate><Sex>${k.sex ?? 'F'}</Sex></ChildIdentifiers>` +
    `<ChildCharacteristics><Disabilities>${(k.disabilities ?? ['NONE']).map((d) => `<Disability>${d}</Disability>`).join('')}</Disabilities></ChildCharacteristics>` +
    k.episodes.map((e) => `<CINdetails>${e}</CINdetails>`).join('') +
    `</Child>`;
  return `<Message><Header><CollectionDetails><Year>${year}</Year>${ref === null ? '' : `<ReferenceDate>${ref}</ReferenceDate>`}</CollectionDetails></Header><Children>${kids.map(child).join('')}</Children></Message>`;
}
const s47 = (icpc: string) =>
  `<Section47><S47ActualStartDate>2023-05-01</S47ActualStartDate><DateOfInitialCPC>${icpc}</DateOfInitialCPC></Section47>`;
const ep = (referral: string, more = '', nfa = 'false') =>
  `<CINreferralDate>${referral}</CINreferralDate>${more}<ReferralNFA>${nfa}</ReferralNFA>`;
const pairs = (x: string, year: '2023-24' | '2024-25' = '2023-24') =>
  d2iReading(readD2iTables(x), year).map((p) => `${p.rule}:${p.child ?? ''}`);

describe('our reading of D2I, on hand-built files', () => {
  const ok = '2024-03-31';
  it('reads conference dates on section 47s only (8715, 8875, 1104)', () => {
    const out = pairs(
      xml(ok, [
        { id: 'A', episodes: [ep('2023-05-01', s47('2023-03-31'))] }, // before the year
        { id: 'B', episodes: [ep('2023-05-01', s47('2023-05-06'))] }, // a Saturday
        { id: 'C', episodes: [ep('2023-05-01', '<DateOfInitialCPC>2023-05-06</DateOfInitialCPC>')] },
        { id: 'D', episodes: [ep('2023-05-01', s47('2023-04-01'))] }, // first day of the year, before the referral
      ]),
    );
    expect(out).toContain('8715:A');
    expect(out).toContain('8875:B');
    expect(out).toContain('1104:D');
    expect(out.filter((p) => p.endsWith(':C'))).toEqual([]);
    expect(out).not.toContain('8715:D');
  });
  it('queries 8569Q up to the first working day on or after 1 April, and a FALSE flag', () => {
    // 1 April 2023 was a Saturday: D2I's cutoff is Monday 3 April.
    const out = pairs(
      xml(ok, [
        { id: 'A', episodes: [ep('2023-04-02', '', 'true')] },
        { id: 'B', episodes: [ep('2023-04-03', '', 'true')] },
        { id: 'C', episodes: [ep('2022-06-01', '', 'FALSE')] },
        { id: 'D', episodes: [ep('2022-06-01', '', '0')] },
        { id: 'E', episodes: [`<CINreferralDate>2022-06-01</CINreferralDate>`] },
      ]),
    );
    expect(out.filter((p) => p.startsWith('8569Q'))).toEqual(['8569Q:A', '8569Q:C', '8569Q:E']);
  });
  it('8600 flags a missing date and one pandas cannot hold; 8620 skips an impossible closure date', () => {
    const out = pairs(
      xml(ok, [
        { id: 'A', episodes: [`<ReferralNFA>false</ReferralNFA>`] },
        { id: 'B', episodes: [ep('0225-06-01')] },
        { id: 'C', episodes: [ep('2024-04-01')] },
        { id: 'D', episodes: [ep('2023-06-01', '<CINclosureDate>2023-02-30</CINclosureDate>')] },
        { id: 'E', episodes: [ep('2023-06-01', '<CINclosureDate>2024-04-01</CINclosureDate>')] },
      ]),
    );
    expect(out.filter((p) => p.startsWith('8600'))).toEqual(['8600:A', '8600:B', '8600:C']);
    expect(out.filter((p) => p.startsWith('8620'))).toEqual(['8620:E']);
  });
  it('with no readable ReferenceDate, 100 fires, 8715 finds nothing and 8620 flags every closure', () => {
    const out = pairs(
      xml(null, [
        {
          id: 'A',
          episodes: [ep('2023-06-01', `<CINclosureDate>2023-07-01</CINclosureDate>${s47('2025-01-01')}`)],
        },
      ]),
    );
    expect(out).toEqual(expect.arrayContaining(['100:', '8620:A']));
    expect(out).not.toContain('8715:A');
    expect(pairs(xml('2024-03-31T00:00:00', []))).not.toContain('100:');
    expect(pairs(xml('2024-03-31T10:00:00', []))).toContain('100:');
  });
  it('8790 pools rows that share an LAchildID and compares codes upper-cased, untrimmed', () => {
    const out = pairs(
      xml(ok, [
        { id: 'A', disabilities: ['NONE'], episodes: [] },
        { id: 'A', disabilities: ['MOB'], episodes: [] },
        { id: 'B', disabilities: ['None', 'NONE'], episodes: [] },
        { id: 'C', disabilities: [' NONE', 'HAND'], episodes: [] },
        { id: 'D', disabilities: ['none', 'HAND'], episodes: [] },
      ]),
    );
    expect(out.filter((p) => p.startsWith('8790'))).toEqual(['8790:A', '8790:D']);
  });
  it('2887Q counts NONE rows; 2886Q counts no sex from 2024/25 only', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ id: `K${i}`, episodes: [] }));
    expect(pairs(xml(ok, many))).not.toContain('2887Q:');
    expect(pairs(xml(ok, many.slice(1)))).toContain('2887Q:');
    const unknown = many.map((k, i) => ({ ...k, sex: i === 0 ? 'U' : 'M' }));
    expect(pairs(xml('2025-03-31', unknown, '2025'), '2024-25')).toContain('2886Q:');
    expect(pairs(xml('2025-03-31', many, '2025'), '2024-25')).not.toContain('2886Q:');
  });
});

describe('the validator against our reading of D2I', () => {
  it('differs only for the documented causes, on both sets of generated files', { timeout: 60_000 }, () => {
    const files = (['2023-24', '2024-25', '2025-26'] as const).flatMap((year, i) => [
      { name: `planted-${year}`, xml: plantedXml(i + 11, year, 600, 0.15), year },
      { name: `independent-${year}`, xml: independentCensusXml(i + 11, endYearOf(year), 600), year },
    ]);
    const a = compare(files);
    expect(a.differences.filter((d) => d.cause === 'unexplained')).toEqual([]);
    expect(a.rules.reduce((s, r) => s + r.both, 0)).toBeGreaterThan(100);
    // On the rules changed to agree, only the header, shared-ID and trimmed-space causes remain.
    const aligned = new Set(['100', '1104', '8715', '8875', '8790']);
    const left = a.differences.filter((d) => aligned.has(d.rule));
    expect(left.filter((d) => !['header', 'sharedId', 'spaces'].includes(d.cause))).toEqual([]);
    expect(f1(a.rules.filter((r) => ['100', '8875'].includes(r.rule)))).toBe(1);
  });
});
