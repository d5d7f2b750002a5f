/**
 * The write of a CIN census import, after its plan (`plan-cin.ts`): each child in one tenant
 * transaction of their own, as the named data team member. A new child is written by the people
 * domain's writer (`insertPerson`, keeping the census's LA child ID); each episode not yet in the
 * record goes in through the journey's steps (`stepsOfEpisode`, each step's schema and rules
 * against the journey state read in the same transaction, as the seed writes history), then one
 * audit event names the child and what was written. A step the journey refuses refuses the child:
 * the transaction is rolled back, nothing of that child is kept, and the reason is reported.
 *
 * Resumable: a child is found again by the LA child ID the import kept (inside their own
 * transaction, so a re-run never creates them twice) and an episode is recognised by its referral
 * date, so a child already imported is skipped.
 */
import type { Kysely } from 'kysely';
import { isCollectionYear, referenceDateOf, type CinCensus, type Child } from '@waypoint/returns';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor } from '../auth/actor.ts';
import { enqueueDerive } from '../cpis/jobs.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant, type Tx } from '../db/tenant.ts';
import { AppError } from '../http/errors.ts';
import { longDate, today } from '../http/forms/dates.ts';
import { enqueueLaServices } from '../involvement/la-services.ts';
import { referralDatesOf } from '../journey/referrals.ts';
import { checkNotBeforeBirth } from '../journey/record-step.ts';
import { loadJourneyState, type JourneyState } from '../journey/state.ts';
import { findStep } from '../journey/steps/index.ts';
import { peopleByCensusIdentifiers } from '../people/by-census-id.ts';
import { insertPerson, personInputAsOf } from '../people/person-input.ts';
import { stepsOfEpisode, type ImportStep } from './cin-steps.ts';
import { sexOf, type ImportPlan } from './plan-cin.ts';

export type WriteOutcome = 'created' | 'added' | 'skipped' | 'refused';

export interface WrittenChild {
  laChildId: string;
  outcome: WriteOutcome;
  personId: string | null;
  /** Episodes written now. */
  episodes: number;
  reasons: string[];
  /** What the import took as the file records it, for the data team to check (the report's findings). */
  findings: string[];
}

export interface ImportResult {
  children: WrittenChild[];
  counts: Record<WriteOutcome, number>;
}

/** A refusal of one child: rolls back their transaction. */
export class ChildRefused extends Error {}

/** A step's refusal in words: the field messages of a ValidationError, or zod's issues. */
export function wordsOf(e: unknown): string {
  if (e instanceof AppError) {
    const fields = (e.options as { fields?: { field: string; message: string }[] } | undefined)?.fields;
    if (fields !== undefined) return fields.map((f) => f.message).join('; ');
    return e.message;
  }
  const issues = (e as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  if (issues !== undefined) return issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  return (e as Error).message;
}

const nameOf = (c: Child) => ({ givenName: 'Not known', familyName: `(CIN ${c.laChildId})` });

/** How far before the birth the census's pre-birth work (a referral about an unborn child) may go. */
export const PRE_BIRTH_MONTHS = 10;

export interface ImportStepOptions {
  /** Put before a refusal's words: "Episode referred on 2025-06-01: ". */
  prefix?: string;
  /** Pre-birth work: event dates up to `PRE_BIRTH_MONTHS` before the birth (the census's steps, never care). */
  preBirth?: boolean;
  /** Each step's finding is added here when it is written. */
  findings?: string[];
  /** The journey state as the step should see it (the 903's care: the CIN episode open on the step's day). */
  stateFor?: (s: ImportStep, state: JourneyState) => Promise<JourneyState>;
}

/**
 * Takes `steps` in order on `personId`, each through its schema, the birth-date check and its
 * rules against the journey state read just before it, with the step's `asImported` tolerance.
 * @throws ChildRefused with the step's words
 */
export async function runImportSteps(
  tx: Tx,
  actor: Actor,
  personId: string,
  steps: readonly ImportStep[],
  dateOfBirth: string | null,
  opts: ImportStepOptions = {},
): Promise<void> {
  for (const s of steps) {
    const step = findStep(s.kind);
    if (step === undefined) throw new Error(`no journey step ${s.kind}`);
    try {
      const now = await loadJourneyState(tx, personId);
      const state = opts.stateFor === undefined ? now : await opts.stateFor(s, now);
      const input = step.schema.parse(s.input) as Record<string, unknown>;
      checkNotBeforeBirth(
        step,
        input,
        { dateOfBirth, givenName: 'the child' },
        opts.preBirth === true ? { monthsBefore: PRE_BIRTH_MONTHS } : {},
      );
      await step.save(
        {
          tx,
          laCode: actor.laCode,
          userId: actor.userId,
          personId,
          state,
          today: s.on,
          ...(s.asImported === undefined ? {} : { asImported: s.asImported }),
        },
        input,
      );
    } catch (err) {
      throw new ChildRefused(`${opts.prefix ?? ''}${s.kind} on ${s.on}: ${wordsOf(err)}`);
    }
    if (s.finding !== undefined) opts.findings?.push(s.finding);
  }
}

/** Writes one child's missing episodes through the steps; returns how many. @throws ChildRefused */
async function writeEpisodes(
  tx: Tx,
  actor: Actor,
  personId: string,
  c: Child,
  year: string,
  dateOfBirth: string | null,
  findings: string[],
  created: boolean,
): Promise<number> {
  // A person created in this transaction has no episodes yet.
  const known = new Set(created ? [] : await referralDatesOf(tx, personId));
  let written = 0;
  let plans = false;
  for (const e of c.cinEpisodes) {
    if (e.referralDate !== null && known.has(e.referralDate)) continue;
    let steps;
    try {
      steps = stepsOfEpisode(e, year);
    } catch (err) {
      throw new ChildRefused((err as Error).message);
    }
    await runImportSteps(tx, actor, personId, steps, dateOfBirth, {
      prefix: `Episode referred on ${e.referralDate}: `,
      preBirth: true,
      findings,
    });
    if (dateOfBirth !== null && e.referralDate !== null && e.referralDate < dateOfBirth)
      findings.push(`Pre-birth referral on ${e.referralDate}, before the birth on ${dateOfBirth}`);
    if (steps.some((s) => s.kind.includes('conference') || s.kind === 'closure')) plans = true;
    written++;
  }
  if (written > 0) {
    if (plans) await enqueueDerive(tx, personId);
    await enqueueLaServices(tx, personId, 'closure');
  }
  return written;
}

/**
 * Imports the children the plan would create or match (the refused are reported as refused),
 * each in their own transaction. `onProgress` is told after each child.
 */
export async function writeCinImport(
  db: Kysely<Schema>,
  actor: Actor,
  census: CinCensus,
  plan: ImportPlan,
  year: string,
  onProgress?: (done: number, result: ImportResult) => void,
): Promise<ImportResult> {
  const result: ImportResult = { children: [], counts: { created: 0, added: 0, skipped: 0, refused: 0 } };
  const push = (w: WrittenChild) => {
    result.children.push(w);
    result.counts[w.outcome]++;
    onProgress?.(result.children.length, result);
  };
  // An unborn child's expected date of birth is judged as at the census date, not today.
  const census31March = isCollectionYear(year) ? referenceDateOf(year) : today();
  const personSchema = personInputAsOf({
    day: census31March,
    words: `the census date, ${longDate(census31March)}`,
  });
  for (const [i, c] of census.children.entries()) {
    const planned = plan.children[i];
    if (planned === undefined || planned.laChildId !== c.laChildId)
      throw new Error('the plan is not of this census');
    if (planned.outcome === 'refuse') {
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
      const w = await inTenant(db, actor.laCode, async (tx): Promise<WrittenChild> => {
        // Found again inside this child's transaction: an earlier run (or another import) may have created them.
        const again = await peopleByCensusIdentifiers(tx, actor.laCode, c);
        let personId = planned.matchedPersonId ?? again[0]?.id ?? null;
        let created = false;
        let dateOfBirth: string | null | undefined;
        const findings: string[] = [];
        if (personId === null) {
          const parsed = personSchema.safeParse({
            kind: c.birthDate ? 'child' : 'unborn',
            ...nameOf(c),
            ...(c.birthDate ? { dateOfBirth: c.birthDate } : { expectedDateOfBirth: c.expectedBirthDate }),
            ...(sexOf(c.sex) ? { sex: sexOf(c.sex) } : {}),
            ...(c.nhsNumber ? { nhsNumber: c.nhsNumber } : {}),
            ...(c.upn ? { upn: c.upn } : {}),
            ...(c.ethnicity ? { ethnicity: c.ethnicity } : {}),
            disabilities: (c.disabilities ?? []).filter((d) => d !== 'NONE'),
          });
          if (!parsed.success) throw new ChildRefused(wordsOf(parsed.error));
          personId = await insertPerson({ tx, laCode: actor.laCode, userId: actor.userId }, parsed.data, {
            laChildId: c.laChildId,
          });
          created = true;
          dateOfBirth = parsed.data.kind === 'unborn' ? null : (parsed.data.dateOfBirth ?? null);
          const edd = parsed.data.expectedDateOfBirth;
          if (parsed.data.kind === 'unborn' && edd !== undefined && edd < today())
            findings.push(
              `Expected date of birth ${edd} has passed and the file records no birth: recorded as unborn, to be updated when the birth is known`,
            );
        }
        // A person created here has the date of birth just written; one found again, their record's.
        if (dateOfBirth === undefined)
          dateOfBirth = (
            await tx
              .selectFrom('people')
              .select('date_of_birth')
              .where('id', '=', personId)
              .executeTakeFirstOrThrow()
          ).date_of_birth;
        const episodes = await writeEpisodes(tx, actor, personId, c, year, dateOfBirth, findings, created);
        if (!created && episodes === 0)
          return {
            laChildId: c.laChildId,
            outcome: 'skipped',
            personId,
            episodes: 0,
            reasons: ['Every episode in the file is already in the record'],
            findings: [],
          };
        // Audit last: the tenant's chain head stays locked only from here to the commit.
        await recordAudit(
          tx,
          { userId: actor.userId, organisationId: actor.organisationId, laCode: actor.laCode },
          { ip: null, requestId: `import-cin-${process.pid}` },
          {
            action: created ? 'record.create' : 'record.update',
            outcome: 'success',
            subjectPersonId: personId,
            recordType: 'person',
            recordId: personId,
            reason: `CIN census ${year} import of LA child ID ${c.laChildId}: ${created ? 'person created, ' : ''}${episodes} episode${episodes === 1 ? '' : 's'} written`,
          },
        );
        return {
          laChildId: c.laChildId,
          outcome: created ? 'created' : 'added',
          personId,
          episodes,
          reasons: [created ? (planned.reasons[0] ?? 'New record') : 'Episodes added to the existing record'],
          findings,
        };
      });
      push(w);
    } catch (err) {
      if (!(err instanceof ChildRefused)) throw err;
      push({
        laChildId: c.laChildId,
        outcome: 'refused',
        personId: null,
        episodes: 0,
        reasons: [err.message],
        findings: [],
      });
    }
  }
  return result;
}
