/** The rule catalogue against Appendix A of the specification: codes, years, messages, tests. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../src/cin/rules/index.ts';
import { rulesFor } from '../../src/cin/validate/validate.ts';

const spec = fileURLToPath(new URL('../../../../../shared/domain/statutory-data.md', import.meta.url));

/** Appendix A rows: code → [{ year: '22/23', message }]. */
function appendix(): Map<string, { year: string; message: string }[]> {
  const text = readFileSync(spec, 'utf8').split('## Appendix A')[1]!.split('## Appendix B')[0]!;
  const rows = new Map<string, { year: string; message: string }[]>();
  for (const m of text.matchAll(/^\| (\d+Q?) \| (\d\d\/\d\d) \| (.*) \|$/gm)) {
    const list = rows.get(m[1]!) ?? [];
    list.push({ year: m[2]!, message: m[3]! });
    rows.set(m[1]!, list);
  }
  return rows;
}

describe('rule catalogue', () => {
  it('has all 109 CIN codes', () => {
    expect(new Set(ALL_RULES.map((r) => r.code)).size).toBe(109);
  });

  it('runs 105 rules in 2023/24 and 109 in 2024/25 and 2025/26', () => {
    expect(new Set(rulesFor('2023-24').map((r) => r.code)).size).toBe(105);
    expect(rulesFor('2023-24').length).toBe(105);
    expect(rulesFor('2024-25').length).toBe(109);
    expect(rulesFor('2025-26').length).toBe(109);
  });

  it.skipIf(!existsSync(spec))('uses the Appendix A message of each year, word for word', () => {
    const rows = appendix();
    expect(rows.size).toBe(109);
    for (const rule of ALL_RULES) {
      const versions = rows.get(rule.code)!;
      const later = rule.years.includes('2024-25') ? versions : versions.filter((v) => v.year !== '24/25');
      expect(rule.message, rule.code).toBe(later[later.length - 1]!.message);
    }
  });

  it('lists every rule in the README', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    for (const rule of ALL_RULES) expect(readme, rule.code).toContain(`| ${rule.code} |`);
  });

  it('has a passing and a failing test case for every rule in every year it applies', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const tests = readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => readFileSync(`${dir}/${f}`, 'utf8'))
      .join('\n');
    for (const rule of ALL_RULES) expect(tests, rule.code).toContain(`rule: '${rule.code}'`);
  });
});
