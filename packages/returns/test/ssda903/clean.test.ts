/** The clean child of the harness has no finding from any rule, in any year. */
import { describe, expect, it } from 'vitest';
import { base, findings } from './harness.ts';

describe('903 harness', () => {
  it('the clean child passes every rule of 2025/26 and 2024/25', () => {
    expect(findings(base(), '2025-26')).toEqual([]);
    expect(findings(base(), '2024-25')).toEqual([]);
  });
});
