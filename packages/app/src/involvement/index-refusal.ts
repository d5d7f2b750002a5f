/**
 * A publication the involvement index refuses as malformed (its 400, `IndexInputError`, in process
 * or over HTTP) will be refused however often it is sent: the publishing job is then dead at once
 * with the index's reason, shown at /admin/jobs, instead of retrying for hours. Unreachable,
 * unauthorised or failing indexes are still retried.
 */
import { IndexInputError } from '@waypoint/index';
import { PermanentJobError } from '../jobs/index.ts';

export async function refusedIsPermanent(send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (err) {
    if (err instanceof IndexInputError) throw new PermanentJobError(`the index refused it: ${err.message}`);
    throw err;
  }
}
