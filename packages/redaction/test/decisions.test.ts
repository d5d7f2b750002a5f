import { describe, expect, it } from 'vitest';
import { applyDecisions, DecisionError, parseDecisions } from '../src/decisions.ts';
import { detect } from '../src/detect.ts';
import { render } from '../src/render.ts';
import { CAST, byText } from './helpers.ts';

const text = 'Jayden met Zbigniew Nowicki and Dr Mensah at the Beacon. Zbigniew Nowicki left.';
const file = detect(text, { cast: CAST });
const entityOf = (t: string): string => byText(file.spans, t)!.entity;

describe('reviewer decisions', () => {
  it('rejects a span and re-renders', () => {
    const out = applyDecisions(text, file, [
      { action: 'reject', start: text.indexOf('Dr Mensah'), end: text.indexOf('Dr Mensah') + 9 },
    ]);
    expect(render(text, out.spans).text).toBe(
      'Child A met Person 1 and Dr Mensah at the Beacon. Person 1 left.',
    );
  });
  it('rejects every span of an entity', () => {
    const out = applyDecisions(text, file, [{ action: 'reject', entity: entityOf('Zbigniew Nowicki') }]);
    expect(render(text, out.spans).text).toBe(
      'Child A met Zbigniew Nowicki and Doctor 1 at the Beacon. Zbigniew Nowicki left.',
    );
  });
  it('adds a span with a new pseudonym, and one joined to an existing entity', () => {
    const at = text.indexOf('Beacon');
    const out = applyDecisions(text, file, [{ action: 'add', start: at, end: at + 6, type: 'ORGANISATION' }]);
    expect(render(text, out.spans).text).toBe(
      'Child A met Person 1 and Doctor 1 at the Organisation 1. Person 1 left.',
    );
    expect(byText(out.spans, 'Beacon')).toMatchObject({
      detector: 'reviewer',
      status: 'added',
      confidence: 1,
    });
    const joined = applyDecisions(text, file, [
      { action: 'add', start: at, end: at + 6, type: 'PERSON', entity: entityOf('Jayden') },
    ]);
    expect(render(text, joined.spans).text).toContain('at the Child A.');
  });
  it('merges two entities into one pseudonym and renames an entity', () => {
    const merged = applyDecisions(text, file, [
      { action: 'merge', from: entityOf('Dr Mensah'), into: entityOf('Zbigniew Nowicki') },
    ]);
    expect(render(text, merged.spans).text).toBe(
      'Child A met Person 1 and Person 1 at the Beacon. Person 1 left.',
    );
    expect(merged.entities!.some((e) => e.id === entityOf('Dr Mensah'))).toBe(false);
    const renamed = applyDecisions(text, file, [
      { action: 'rename', entity: entityOf('Zbigniew Nowicki'), replacement: 'the lodger' },
    ]);
    expect(render(text, renamed.spans).text).toBe(
      'Child A met the lodger and Doctor 1 at the Beacon. The lodger left.',
    );
  });
  it('marks accepted spans', () => {
    const out = applyDecisions(text, file, [{ action: 'accept', start: 0, end: 6 }]);
    expect(out.spans[0]!.status).toBe('accepted');
  });
  it('refuses bad decisions and spans from another document', () => {
    expect(() => parseDecisions({ decisions: [{ action: 'explode' }] })).toThrow(DecisionError);
    expect(() => parseDecisions([{ action: 'add', start: 0, end: 2, type: 'NAME' }])).toThrow(/type/);
    expect(() => applyDecisions(text, file, [{ action: 'merge', from: 'e999', into: 'e1' }])).toThrow(
      /unknown entity/,
    );
    expect(() =>
      applyDecisions('Another text entirely, longer than the first one was, to be sure of it.', file, []),
    ).toThrow(/another document|outside/);
  });
});
