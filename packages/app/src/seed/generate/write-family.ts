/**
 * Writes one planned family through the domain model, in one tenant transaction: people,
 * addresses and relationships with the person writers (inputs parsed by their zod schemas),
 * allocations with `allocateTo`, every journey step with its step definition (`step.schema.parse`
 * then `step.save` against the journey state read in the same transaction), visits with
 * `saveVisit`, and one audit event per person created. A step the domain refuses is a generator
 * bug: it throws, and nothing of the family is kept.
 */
import type { Kysely } from 'kysely';
import { recordAudit, type AuditWho } from '../../audit/record-audit.ts';
import type { Schema } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';
import { loadJourneyState, type JourneyState } from '../../journey/state.ts';
import { findStep } from '../../journey/steps/index.ts';
import { allocateTo } from '../../people/allocation.ts';
import {
  addressInput,
  insertAddress,
  insertPerson,
  insertRelationship,
  personInput,
  relationshipInput,
} from '../../people/person-input.ts';
import { saveVisit, visitInput } from '../../journey/steps/visit.ts';
import { withPrivilegedWriter } from '../privileged-writer.ts';
import { scoreOn, type Action, type Trajectory } from './actions.ts';
import type { Family } from './family.ts';
import type { MarkedText } from './note-builder.ts';
import { Random } from './random.ts';

export interface Workforce {
  laCode: string;
  seed: AuditWho;
  frontDoor: { teamId: string; userId: string };
  /** Social workers, in a stable order, each with their team. */
  caseWorkers: { teamId: string; userId: string; name: string }[];
}

export interface PlannedFamily {
  family: Family;
  /** Actions by member key, for the children whose journeys were planned. */
  plans: Map<string, Action[]>;
  /** Index into the case workers (the family's allocated social worker). */
  worker: number;
}

/** A narrative text written to the database, with where it went; for the redaction corpus. */
export interface WrittenText {
  personId: string;
  table: string;
  id: string;
  field: string;
  text: MarkedText;
}

/** Steps after which `loadJourneyState` answers the same: the state read before them still holds. */
const KEEPS_STATE = new Set(['note', 'missing', 'care-review', 'plan-review']);
/** Steps whose rules do not read the state: a state read earlier in the transaction is passed. */
const READS_NO_STATE = new Set(['note', 'missing', 'timescale']);

export async function writeFamily(
  db: Kysely<Schema>,
  w: Workforce,
  planned: PlannedFamily,
  reason: string,
  onText?: (t: WrittenText) => void,
): Promise<{ people: number; events: number }> {
  const { family } = planned;
  return withPrivilegedWriter(db, w.laCode, w.seed.userId, async (writer) => {
    const { tx } = writer;
    const ids = new Map(family.members.map((m) => [m.key, m.id]));
    for (const m of family.members) {
      await insertPerson(writer, personInput.parse(m.input), { id: m.id });
      const home = m.livesAtHome ? family.address : family.elsewhere;
      const { street: _street, ...address } = home;
      await insertAddress(writer, m.id, addressInput.parse({ ...address, startedOn: family.movedInOn }));
    }
    for (const rel of family.relationships)
      await insertRelationship(
        writer,
        ids.get(rel.from)!,
        relationshipInput.parse({ ...rel.r, relatedPersonId: ids.get(rel.to)! }),
      );
    let events = 0;
    const worker = w.caseWorkers[planned.worker % w.caseWorkers.length]!;
    for (const [key, actions] of planned.plans) {
      events += await writeJourney(tx, w, worker, ids.get(key)!, actions, onText);
    }
    // Audit last: the tenant's chain head stays locked only from here to the commit.
    for (const m of family.members)
      await recordAudit(
        tx,
        w.seed,
        { ip: null, requestId: 'seed' },
        {
          action: 'record.create',
          outcome: 'success',
          subjectPersonId: m.id,
          recordType: 'person',
          recordId: m.id,
          reason,
        },
      );
    return { people: family.members.length, events };
  });
}

/** Runs one child's actions in order. Returns how many were written. */
export async function writeJourney(
  tx: Tx,
  w: Workforce,
  worker: { teamId: string; userId: string },
  personId: string,
  actions: readonly Action[],
  onText?: (t: WrittenText) => void,
): Promise<number> {
  let state: JourneyState | null = null;
  let isStale = true;
  const goals = new Map<string, { t: Trajectory; on: string }>();
  const timescales = new Map<string, string>();
  const scores = (s: JourneyState, on: string, seed: number) => {
    const r = new Random(seed);
    const out: Record<string, number> = {};
    for (const g of s.activePlans.flatMap((p) => p.goals)) {
      const info = goals.get(g.id);
      if (info !== undefined && info.on <= on) out[g.id] = scoreOn(info.t, info.on, on, r.int(-1, 1));
    }
    return out;
  };
  const texts = (table: string, id: string, marked: Record<string, MarkedText> | undefined) => {
    if (onText === undefined || marked === undefined) return;
    for (const [field, text] of Object.entries(marked)) onText({ personId, table, id, field, text });
  };
  for (const a of actions) {
    try {
      if (a.type === 'allocate') {
        const to =
          a.to === 'front-door'
            ? { teamId: w.frontDoor.teamId, workerUserId: null }
            : { teamId: worker.teamId, workerUserId: worker.userId };
        await allocateTo({ tx, laCode: w.laCode }, personId, {
          ...to,
          reason: a.reason,
          at: new Date(`${a.at}T09:00:00Z`),
        });
        continue;
      }
      // The state is read again only when this action's rules (or goal scores) depend on it.
      const readsState = a.type === 'visit' ? a.scoreSeed !== undefined : !READS_NO_STATE.has(a.kind);
      if (state === null || (isStale && readsState)) {
        state = await loadJourneyState(tx, personId);
        isStale = false;
      }
      const userId = a.by === 'front-door' ? w.frontDoor.userId : worker.userId;
      const c = { tx, laCode: w.laCode, userId, personId, state, today: a.at };
      if (a.type === 'visit') {
        const input = visitInput.parse({
          ...a.input,
          ...(a.scoreSeed !== undefined ? { scores: scores(state, a.at, a.scoreSeed) } : {}),
        });
        const row = await saveVisit(c, input);
        texts('visits', row.id, a.marked);
        continue;
      }
      const step = findStep(a.kind);
      if (step === undefined) throw new Error(`no step ${a.kind}`);
      const raw: Record<string, unknown> = { ...a.input };
      if (a.kind === 'timescale-met') raw.timescale = timescales.get(a.timescaleKey ?? '');
      if (a.kind === 'plan-review' && a.scoreSeed !== undefined)
        raw.scores = scores(state, a.at, a.scoreSeed);
      const saved = await step.save(c, step.schema.parse(raw));
      if (a.kind === 'goal' && a.trajectory !== undefined) goals.set(saved.id, { t: a.trajectory, on: a.at });
      if (a.kind === 'timescale' && a.timescaleKey !== undefined) timescales.set(a.timescaleKey, saved.id);
      texts(saved.table, saved.id, a.marked);
      if (!KEEPS_STATE.has(a.kind)) isStale = true;
    } catch (err) {
      const what = a.type === 'step' ? a.kind : a.type;
      const fields = (err as { options?: { fields?: unknown } }).options?.fields;
      const detail = fields === undefined ? (err as Error).message : JSON.stringify(fields);
      throw new Error(`seed: ${what} on ${a.at} for person ${personId} was refused: ${detail}`, {
        cause: err,
      });
    }
  }
  return actions.length;
}
