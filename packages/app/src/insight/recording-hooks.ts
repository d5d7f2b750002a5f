/**
 * Records the form kit's openings and saves for the burden of recording (http/forms/timing.ts):
 * an opening when a timed form is shown, an error round when it comes back with errors, and the
 * save (time taken, in the browser's clock when the page had JavaScript, else the server's; inputs
 * filled) when its post is answered with a redirect. Only the person who opened a form can save
 * it. Measuring never stops the work: a failure here is logged and the page goes out as it is.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { inTenant } from '../db/tenant.ts';
import { inputsFilled, openingOf, postedTiming } from '../http/forms/timing.ts';
import { summariesChanged } from './summaries.ts';

const DAY = 86_400;

async function record(app: FastifyInstance, req: FastifyRequest, status: number): Promise<void> {
  const actor = req.actor;
  if (actor === null || actor === undefined) return;
  const db = app.deps.database.db;
  const opening = openingOf(req);
  if (opening !== undefined && status === 200) {
    await inTenant(db, actor.laCode, (tx) =>
      tx
        .insertInto('form_openings')
        .values({
          id: opening.id,
          la_code: actor.laCode,
          user_id: actor.userId,
          task: opening.task,
          field_names: opening.fieldNames,
          inputs_required: Math.min(opening.required, 1000),
        })
        .execute(),
    );
    return;
  }
  if (req.method !== 'POST') return;
  const posted = postedTiming(req.body);
  if (posted === null) return;
  await inTenant(db, actor.laCode, async (tx) => {
    const mine = tx
      .updateTable('form_openings')
      .where('id', '=', posted.id)
      .where('user_id', '=', actor.userId)
      .where('saved_at', 'is', null);
    if (status === 400) {
      await mine.set({ error_rounds: sql`error_rounds + 1` }).execute();
      return;
    }
    if (status < 300 || status >= 400) return;
    const row = await tx
      .selectFrom('form_openings')
      .select(['field_names', sql<number>`extract(epoch from now() - opened_at)::float8`.as('elapsed')])
      .where('id', '=', posted.id)
      .where('user_id', '=', actor.userId)
      .where('saved_at', 'is', null)
      .executeTakeFirst();
    if (row === undefined) return;
    const { openedInBrowser: o, savedInBrowser: s } = posted;
    const browser =
      o !== null && s !== null && s >= o && s - o < DAY * 1000 ? Math.round((s - o) / 1000) : null;
    const server = Math.max(0, Math.round(row.elapsed));
    await mine
      .set({
        saved_at: new Date(),
        seconds_to_save: Math.min(browser ?? server, DAY),
        timed_in: browser === null ? 'server' : 'browser',
        inputs_filled: inputsFilled(row.field_names, req.body),
      })
      .execute();
    // The person's own figures show their save soon; the LA's wait for the next refresh.
    await summariesChanged(tx, actor.laCode, ['recording'], actor.userId);
  });
}

/** Registers the hook (app.ts, after authentication so the actor is known). */
export function registerRecordingBurden(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    try {
      await record(app, req, reply.statusCode);
    } catch (err) {
      req.log.warn({ err }, 'form timing not recorded');
    }
    return payload;
  });
}
