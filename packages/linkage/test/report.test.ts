import { describe, expect, it } from 'vitest';
import { linkRecords } from '../src/pipeline.ts';
import { linkageReport } from '../src/report.ts';
import { generatePeople } from '../src/synthetic/generate.ts';

describe('linkage report', () => {
  it('renders charts with text alternatives and tables whose numbers match the summary', async () => {
    const res = await linkRecords(generatePeople({ size: 1500, seed: 8 }), { workers: 1 });
    const html = linkageReport(res, { title: 'Test <report>' });
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<title>Test &lt;report&gt;</title>');
    expect(html).not.toContain('<script');
    const svgs = html.match(/<svg[^>]*>/g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(4); // histogram, m/u per comparison, blocking, waterfalls
    for (const svg of svgs) {
      expect(svg).toContain('role="img"');
      const [t, dsc] = /aria-labelledby="([^ "]+) ([^"]+)"/.exec(svg)!.slice(1);
      expect(html).toContain(`<title id="${t}">`);
      expect(html).toContain(`<desc id="${dsc}">`);
    }
    // Summary numbers as the run reports them.
    const row = (label: string) =>
      new RegExp(`<th scope="row">${label}</th><td>([^<]*)</td>`).exec(html)?.[1];
    expect(row('records')).toBe(res.stats.records.toLocaleString('en-GB'));
    expect(row('comparisons scored')).toBe(res.stats.comparisons.toLocaleString('en-GB'));
    expect(row('pairs found')).toBe(res.stats.pairsFound.toLocaleString('en-GB'));
    expect(row('estimated F1')).toBe(res.thresholdChoice.estimate.f1.toFixed(4));
    expect(row('threshold \\(match probability\\)')).toContain(String(res.threshold));
    // The histogram table counts every scored pair; the blocking table every comparison.
    const histRows = [
      ...html.matchAll(/<th scope="row">-?\d+ to -?\d+<\/th><td>[^<]*<\/td><td>([\d,]+)<\/td>/g),
    ];
    const histTotal = histRows.reduce((s, m) => s + Number(m[1]!.replace(/,/g, '')), 0);
    expect(histTotal).toBe(res.scoredPairs.length);
    for (const r of res.blocking.rules) expect(html).toContain(`<th scope="row">${r.rule}</th>`);
  });
});
