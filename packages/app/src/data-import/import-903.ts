/**
 * `waypoint import 903`: a council's SSDA903 return (a folder of CSV files, read with
 * `@waypoint/returns`' reader, each file recognised by its header row) brought into the record as
 * episodes of care, reviews and missing episodes. Care in Waypoint sits inside a child in need
 * episode, so a 903 child is matched to a child already in the record (by LA child ID or UPN with
 * the date of birth, `people/by-census-id.ts`): import the CIN census first. A child not in the
 * record is refused, never created. Per child one transaction through the journey's care steps
 * (`care-start`, `care-change`, `care-end`, `care-review`, `missing`) and one audit event, as the
 * named data team member; a child whose care is already in the record is skipped (resumable).
 */
import type { Kysely } from 'kysely';
import { readSsda903Dir, Ssda903ReadError, type Row903, type Tables903 } from '@waypoint/returns';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor } from '../auth/actor.ts';
import { enqueueDerive } from '../cpis/jobs.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';
import { enqueueLaServices } from '../involvement/la-services.ts';
import { careStartsOf } from '../journey/referrals.ts';
import { peopleByCensusIdentifiers } from '../people/by-census-id.ts';
import type { ImportStep } from './cin-steps.ts';
import { stateOnStepDay, withEpisodesForCare } from './care-episodes.ts';
import { ImportFileRefused } from './cin-file.ts';
import type { ImportPlan, PlannedChild } from './plan-cin.ts';
import { ChildRefused, runImportSteps, type ImportResult, type WrittenChild } from './write-cin.ts';

/** One looked-after child of the return. */
export interface Child903 {
  laChildId: string;
  birthDate: string | null;
  upn: string | null;
  episodes: Row903[];
  reviews: Row903[];
  missing: Row903[];
}

/** 31/12/2025 → 2025-12-31; anything else → null. */
const iso = (uk: string | undefined): string | null => {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(uk ?? '');
  return m === null ? null : `${m[3]}-${m[2]}-${m[1]}`;
};

/**
 * Reads the folder: every CSV by its header; the Header and Episodes tables must be there.
 * @throws ImportFileRefused naming the problem
 */
export function read903Dir(dir: string): Child903[] {
  let tables: Tables903;
  try {
    tables = readSsda903Dir(dir).tables;
  } catch (e) {
    if (e instanceof Ssda903ReadError) throw new ImportFileRefused(`${e.message}; nothing was imported`);
    throw e;
  }
  if (tables.Header === undefined || tables.Episodes === undefined)
    throw new ImportFileRefused(
      'the folder needs the Header and Episodes tables of the 903 return; nothing was imported',
    );
  const of = (rows: readonly Row903[] | undefined, id: string) => (rows ?? []).filter((r) => r.CHILD === id);
  return tables.Header.map((h) => {
    const id = h.CHILD ?? '';
    return {
      laChildId: id,
      birthDate: iso(h.DOB),
      upn: h.UPN ? h.UPN : null,
      episodes: of(tables.Episodes, id).sort((a, b) =>
        (iso(a.DECOM) ?? '').localeCompare(iso(b.DECOM) ?? ''),
      ),
      reviews: of(tables.Reviews, id),
      missing: of(tables.Missing, id),
    };
  });
}

const FROM = 'Imported from the SSDA903 return';

/**
 * A child's 903 rows as care steps, oldest first (on one day: a start or change, then a review or
 * missing episode, then the end).
 * @throws Error naming a row the steps cannot take
 */
export function stepsOf903(c: Child903): ImportStep[] {
  const out: { s: ImportStep; order: number }[] = [];
  c.episodes.forEach((e, i) => {
    const on = iso(e.DECOM);
    if (on === null) throw new Error(`An episode has no start date (DECOM ${e.DECOM ?? ''})`);
    const previous = c.episodes[i - 1];
    const continues = previous !== undefined && iso(previous.DEC) === on && previous.REC === 'X1';
    const placement = {
      legalStatus: e.LS,
      placementType: e.PLACE,
      ...(e.PLACE_PROVIDER ? { provider: e.PLACE_PROVIDER } : {}),
      ...(e.PL_POST ? { placementPostcode: e.PL_POST } : {}),
      reason: FROM,
    };
    out.push(
      continues
        ? { s: { kind: 'care-change', on, input: { changedOn: on, ...placement } }, order: 0 }
        : {
            s: { kind: 'care-start', on, input: { startedOn: on, categoryOfNeed: e.CIN, ...placement } },
            order: 0,
          },
    );
    const end = iso(e.DEC);
    if (end !== null && e.REC !== 'X1')
      out.push({
        s: { kind: 'care-end', on: end, input: { endedOn: end, reasonEnd: e.REC, reason: FROM } },
        order: 2,
      });
  });
  for (const r of c.reviews) {
    const on = iso(r.REVIEW);
    if (on === null) continue;
    out.push({
      s: { kind: 'care-review', on, input: { heldOn: on, participation: r.REVIEW_CODE, summary: FROM } },
      order: 1,
    });
  }
  for (const m of c.missing) {
    const on = iso(m.MIS_START);
    if (on === null) continue;
    const back = iso(m.MIS_END);
    out.push({
      s: {
        kind: 'missing',
        on,
        input: {
          kind: m.MISSING === 'M' ? 'missing' : 'away',
          startedOn: on,
          ...(back === null ? {} : { endedOn: back }),
          summary: FROM,
        },
      },
      order: 1,
    });
  }
  return out
    .map((x, i) => ({ ...x, i }))
    .sort((a, b) => a.s.on.localeCompare(b.s.on) || a.order - b.order || a.i - b.i)
    .map((x) => x.s);
}

/** The dry run: each child matched to the record, or refused with the reason. Reads only. */
export async function plan903Import(
  db: Kysely<Schema>,
  actor: Actor,
  children: readonly Child903[],
): Promise<ImportPlan> {
  const planned: PlannedChild[] = [];
  await inTenant(db, actor.laCode, async (tx) => {
    for (const c of children) {
      const base = { laChildId: c.laChildId, matchedPersonId: null, episodes: c.episodes.length };
      if (c.birthDate === null) {
        planned.push({ ...base, outcome: 'refuse', reasons: ['No date of birth'] });
        continue;
      }
      const known = await peopleByCensusIdentifiers(tx, actor.laCode, c);
      if (known.length === 1)
        planned.push({ ...base, outcome: 'match', matchedPersonId: known[0]!.id, reasons: [known[0]!.why] });
      else
        planned.push({
          ...base,
          outcome: 'refuse',
          reasons: [
            known.length === 0
              ? 'Not in the record: care sits inside a child in need episode, so import the CIN census first'
              : `${known.length} existing records carry this child's identifiers: settle by hand`,
          ],
        });
    }
    await recordAudit(
      tx,
      { userId: actor.userId, organisationId: actor.organisationId, laCode: actor.laCode },
      { ip: null, requestId: `import-903-${process.pid}` },
      {
        action: 'record.search',
        outcome: 'success',
        recordType: 'import',
        reason: `SSDA903 import: ${children.length} children looked for in the record`,
      },
    );
  });
  const counts = { create: 0, match: 0, refuse: 0 };
  for (const c of planned) counts[c.outcome]++;
  return { laCode: actor.laCode, collectionYear: null, children: planned, counts };
}

/** Writes each matched child's care in their own transaction. */
export async function write903Import(
  db: Kysely<Schema>,
  actor: Actor,
  children: readonly Child903[],
  plan: ImportPlan,
  onProgress?: (done: number, result: ImportResult) => void,
): Promise<ImportResult> {
  const result: ImportResult = { children: [], counts: { created: 0, added: 0, skipped: 0, refused: 0 } };
  const push = (w: WrittenChild) => {
    result.children.push(w);
    result.counts[w.outcome]++;
    onProgress?.(result.children.length, result);
  };
  for (const [i, c] of children.entries()) {
    const planned = plan.children[i]!;
    const personId = planned.matchedPersonId;
    if (planned.outcome !== 'match' || personId === null) {
      push({
        laChildId: c.laChildId,
        outcome: 'refused',
        personId: null,
        episodes: 0,
        reasons: planned.reasons,
        findings: [],
      });
      continue;
    }
    try {
      push(
        await inTenant(db, actor.laCode, async (tx): Promise<WrittenChild> => {
          const known = new Set(await careStartsOf(tx, personId));
          const first = iso(c.episodes[0]?.DECOM);
          if (first === null || known.has(first))
            return {
              laChildId: c.laChildId,
              outcome: 'skipped',
              personId,
              episodes: 0,
              reasons: [first === null ? 'No episodes of care' : 'Their care is already in the record'],
              findings: [],
            };
          let steps;
          try {
            steps = stepsOf903(c);
          } catch (e) {
            throw new ChildRefused((e as Error).message);
          }
          const findings: string[] = [];
          await runImportSteps(
            tx,
            actor,
            personId,
            await withEpisodesForCare(tx, personId, steps, findings),
            c.birthDate,
            { findings, stateFor: (s, now) => stateOnStepDay(tx, s, now) },
          );
          await enqueueDerive(tx, personId);
          await enqueueLaServices(tx, personId, 'care-start');
          await recordAudit(
            tx,
            { userId: actor.userId, organisationId: actor.organisationId, laCode: actor.laCode },
            { ip: null, requestId: `import-903-${process.pid}` },
            {
              action: 'record.update',
              outcome: 'success',
              subjectPersonId: personId,
              recordType: 'person',
              recordId: personId,
              reason: `SSDA903 import of child ${c.laChildId}: ${c.episodes.length} episodes of care, ${c.reviews.length} reviews, ${c.missing.length} missing episodes written`,
            },
          );
          return {
            laChildId: c.laChildId,
            outcome: 'added',
            personId,
            episodes: c.episodes.length,
            reasons: ['Care added to the existing record'],
            findings,
          };
        }),
      );
    } catch (e) {
      if (!(e instanceof ChildRefused)) throw e;
      push({
        laChildId: c.laChildId,
        outcome: 'refused',
        personId: null,
        episodes: 0,
        reasons: [e.message],
        findings: [],
      });
    }
  }
  return result;
}
