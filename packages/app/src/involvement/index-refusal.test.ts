import { IndexHttpError, IndexInputError } from '@waypoint/index';
import { describe, expect, it } from 'vitest';
import { PermanentJobError } from '../jobs/index.ts';
import { refusedIsPermanent } from './index-refusal.ts';

describe('refusedIsPermanent', () => {
  it("makes the index's refusal of the input a permanent job failure, with its reason", async () => {
    const err = await refusedIsPermanent(async () => {
      throw new IndexInputError('encoding: no blocking keys');
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentJobError);
    expect((err as Error).message).toBe('the index refused it: encoding: no blocking keys');
  });

  it('leaves an unreachable or failing index to be retried', async () => {
    const down = new IndexHttpError(503, 'index: unavailable');
    await expect(
      refusedIsPermanent(async () => {
        throw down;
      }),
    ).rejects.toBe(down);
    await expect(refusedIsPermanent(async () => undefined)).resolves.toBeUndefined();
  });
});
