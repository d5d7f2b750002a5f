/** End to end: generated model → census XML → XSD → parse → validate, clean and with planted errors. */
import { describe, expect, it } from 'vitest';
import { parseCinXml } from '../src/cin/parse-xml.ts';
import { schemaPath } from '../src/cin/schema.ts';
import { censusFromInput } from '../src/cin/scope.ts';
import { validateCinCensus } from '../src/cin/validate/validate.ts';
import { writeCinXml } from '../src/cin/write-xml.ts';
import { addDays, dayOfWeek } from '../src/dates.ts';
import { generateInput } from '../src/generate/generate.ts';
import type { Child, ReturnsInput } from '../src/model/types.ts';
import type { CollectionYear } from '../src/years.ts';
import { validateXsd } from '../src/cin/xsd.ts';

const YEAR: CollectionYear = '2025-26';

function roundTrip(input: ReturnsInput, year: CollectionYear) {
  const xml = writeCinXml(censusFromInput(input, year, '2026-04-01T09:00:00'), year);
  return { xml, report: validateCinCensus(parseCinXml(xml)) };
}

const saturdayAfter = (d: string): string => addDays(d, (6 - dayOfWeek(d) + 7) % 7 || 7);

describe('end to end', () => {
  it(
    'a clean generated model gives XSD-valid XML and no validation errors',
    { timeout: 60_000 },
    async () => {
      for (const year of ['2023-24', '2024-25', '2025-26'] as const) {
        const { xml, report } = roundTrip(generateInput({ children: 1000, seed: 99, year }), year);
        expect((await validateXsd(xml, schemaPath(year))).errors).toEqual([]);
        expect(report.year).toBe(year);
        expect(report.children).toBeGreaterThan(950);
        expect(report.issues.filter((i) => i.kind === 'error')).toEqual([]);
      }
    },
  );

  it('finds each planted error under the right rule and child', { timeout: 60_000 }, () => {
    const input = generateInput({ children: 1000, seed: 5, year: YEAR });
    const kids = input.children.filter((c) => c.cinEpisodes.length > 0);
    const used = new Set<string>();
    const take = (pred: (c: Child) => boolean): Child => {
      const c = kids.find((k) => !used.has(k.laChildId) && pred(k))!;
      used.add(c.laChildId);
      return c;
    };
    const cppOf = (c: Child) =>
      c.cinEpisodes.flatMap((e) => e.childProtectionPlans ?? []).find((p) => p.startDate! >= '2025-04-01');
    const planted: [string, string][] = [];
    const plant = (rule: string, c: Child, mutate: (c: Child) => void) => {
      mutate(c);
      planted.push([rule, c.laChildId]);
    };

    plant(
      '1510',
      take((c) => !!c.upn),
      (c) => void (c.upn = (c.upn![0] === 'A' ? 'B' : 'A') + c.upn!.slice(1)),
    );
    plant(
      '8794',
      take(() => true),
      (c) => void (c.disabilities = ['MOB', 'MOB']),
    );
    plant(
      '8525Q',
      take((c) => !!c.birthDate),
      (c) => void (c.expectedBirthDate = '2026-05-01'),
    );
    plant(
      '8840',
      take((c) => !!cppOf(c)?.endDate),
      (c) => void (cppOf(c)!.endDate = cppOf(c)!.startDate),
    );
    plant(
      '8875',
      take((c) => !!cppOf(c) && !cppOf(c)!.endDate),
      (c) => {
        const ep = c.cinEpisodes.find((e) => e.childProtectionPlans?.length)!;
        const sat = saturdayAfter(ep.section47s![0]!.dateOfInitialCpc!);
        ep.section47s![0]!.dateOfInitialCpc = sat;
        ep.childProtectionPlans![0]!.startDate = sat;
      },
    );
    plant(
      '2884',
      take((c) => !!cppOf(c)),
      (c) => {
        const ep = c.cinEpisodes.find((e) => e.childProtectionPlans?.length)!;
        ep.dateOfInitialCpc = ep.section47s![0]!.dateOfInitialCpc ?? null;
      },
    );
    plant(
      '8869',
      take((c) => c.cinEpisodes.some((e) => e.assessments?.some((a) => a.authorisationDate))),
      (c) => {
        const a = c.cinEpisodes.flatMap((e) => e.assessments ?? []).find((x) => x.authorisationDate)!;
        a.factors = ['21', '1A'];
      },
    );
    plant(
      '8670Q',
      take((c) =>
        c.cinEpisodes.some(
          (e) => !e.closureDate && e.referralNfa === false && e.referralDate! <= '2025-11-01',
        ),
      ),
      (c) => {
        const ep = c.cinEpisodes.find(
          (e) => !e.closureDate && e.referralNfa === false && e.referralDate! <= '2025-11-01',
        )!;
        ep.assessments = [...(ep.assessments ?? []), { startDate: '2025-12-01', authorisationDate: null }];
      },
    );
    const dup = take(() => true);
    plant(
      '8510',
      take(() => true),
      (c) => void (c.laChildId = dup.laChildId),
    );

    const { report } = roundTrip(input, YEAR);
    for (const [rule, child] of planted) {
      expect(
        report.issues.some((i) => i.rule === rule && i.child === child),
        `${rule} for ${child}`,
      ).toBe(true);
    }
    const plantedChildren = new Set(planted.map(([, c]) => c));
    const stray = report.issues.filter(
      (i) => i.kind === 'error' && (i.child === null || !plantedChildren.has(i.child)),
    );
    expect(stray).toEqual([]);
  });
});
