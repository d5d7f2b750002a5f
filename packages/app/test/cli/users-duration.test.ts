/** The `--expires` durations of `waypoint users token`. */
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/cli/users.ts';

describe('parseDuration', () => {
  it('reads minutes, hours and days', () => {
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('7d')).toBe(604_800_000);
  });

  it('refuses zero, other units, words and more than a year', () => {
    for (const bad of ['0h', '1w', '1.5h', 'soon', '', '-1h', '367d'])
      expect(parseDuration(bad), bad).toBeNull();
  });
});
