import { describe, expect, it } from 'vitest';
import { validateCinCensus } from '../src/cin/validate/validate.ts';
import { parseInputJson, InputError } from '../src/model/json.ts';
import { renderHtmlReport } from '../src/report/html.ts';
import { baseCensus, child1 } from './rules/harness.ts';

describe('HTML report', () => {
  it('groups issues by rule with counts and by child, with the message and the fix, escaped', () => {
    const c = baseCensus('2025-26');
    child1(c).ethnicity = '<b>';
    c.children[1]!.ethnicity = null;
    const html = renderHtmlReport(validateCinCensus(c), 'census <1>.xml');
    expect(html).toContain('<h2 id="by-rule">Issues by rule</h2>');
    expect(html).toMatch(
      /<td><a href="#rule-4220">4220<\/a><\/td><td><span class="error">error<\/span><\/td><td>2<\/td>/,
    );
    expect(html).toContain('What to fix:</strong> Record one of the 20 ethnicity codes');
    expect(html).toContain('id="child-CHILD1"');
    expect(html).toContain('&lt;b&gt;');
    expect(html).not.toContain('<b>');
    expect(html).toContain('census &lt;1&gt;.xml');
  });
});

describe('JSON input', () => {
  it.each([
    ['[]', 'must be an object'],
    ['{"laCode": "1", "children": []}', 'three-digit'],
    ['{"laCode": "201", "children": [{"laChildId": "A"}]}', 'children[0] (A) has no "cinEpisodes" array'],
    ['{oops', 'not JSON'],
  ])('rejects %s', (text, message) => {
    expect(() => parseInputJson(text)).toThrow(InputError);
    expect(() => parseInputJson(text)).toThrow(message);
  });

  it('accepts the model', () => {
    expect(parseInputJson('{"laCode": "201", "children": []}').children).toEqual([]);
  });
});
