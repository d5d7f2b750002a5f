import { describe, expect, it } from 'vitest';
import { nextStep, safeNext, stepPath } from './policy.ts';

describe('which sign-in step comes next', () => {
  it('requires two-factor for every role (administrators too), and for anyone who set it up', () => {
    expect(nextStep(['social_worker'], false)).toBe('set_up_two_factor');
    expect(nextStep(['inspector'], true)).toBe('two_factor');
    expect(nextStep(['system_administrator'], false)).toBe('set_up_two_factor');
    expect(nextStep(['system_administrator'], true)).toBe('two_factor');
    expect(nextStep([], false)).toBe('complete');
  });
  it('keeps `next` through the steps', () => {
    expect(stepPath('two_factor', '/children/1')).toBe('/sign-in/two-factor?next=%2Fchildren%2F1');
    expect(stepPath('complete', '/children/1')).toBe('/children/1');
  });
});

describe('safeNext', () => {
  it('allows local paths only', () => {
    expect(safeNext('/children/1?tab=visits')).toBe('/children/1?tab=visits');
    expect(safeNext('/children/1#notes')).toBe('/children/1#notes');
    expect(safeNext('/search?name=Ann%20Lee')).toBe('/search?name=Ann%20Lee');
    for (const bad of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '/sign-in',
      // The probe's input, as the query string decodes it: browsers drop the tab and go to //evil.example.
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      '/ /evil.example',
      '/\u00a0/evil.example',
      '/\u0000/evil.example',
      '\t//evil.example',
      ' /evil',
      '/.//evil.example',
      '/./\\evil.example',
      '/%2e//evil.example',
      'https:/evil.example',
      'http:evil.example',
      '/sign-out',
      undefined,
      3,
    ])
      expect(safeNext(bad)).toBe('/');
  });
});
