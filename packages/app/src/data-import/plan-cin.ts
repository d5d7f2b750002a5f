/**
 * The dry run of a CIN census import: for each child in the file, whether Waypoint would create a
 * record, match an existing one, or refuse it, with the reasons. Matching is the people domain's
 * duplicate check (`people/duplicates.ts`, scored by `@waypoint/linkage`) run as the named data
 * team member, so it sees only what they may see. First the census's own identifiers (LA child ID,
 * UPN) with the date of birth; then the duplicate check. A census carries no names, so the check
 * rests on the date of birth, sex (and an NHS number where one is given); anything short of a
 * near-certain match is refused for a person to settle, never guessed (a second record for one
 * child is the failure to avoid).
 */
import type { Kysely } from 'kysely';
import type { CinCensus, Child } from '@waypoint/returns';
import { isValidNhsNumber, normaliseNhsNumber } from '@waypoint/identifiers';
import { buildAccessContext } from '../access/access-context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor } from '../auth/actor.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';
import { peopleByCensusIdentifiers } from '../people/by-census-id.ts';
import { duplicateCandidates } from '../people/duplicates.ts';
import type { PersonInput } from '../people/person-input.ts';

/** At or above this, with the NHS number agreeing, the child is the existing record. */
export const MATCH_PERCENT = 95;

export type ImportOutcome = 'create' | 'match' | 'refuse';

export interface PlannedChild {
  laChildId: string;
  outcome: ImportOutcome;
  reasons: string[];
  matchedPersonId: string | null;
  episodes: number;
}

export interface ImportPlan {
  laCode: string;
  collectionYear: string | null;
  children: PlannedChild[];
  counts: Record<ImportOutcome, number>;
}

export const sexOf = (s: string | null | undefined): PersonInput['sex'] =>
  s === 'F' ? 'female' : s === 'M' ? 'male' : s === 'U' ? 'unknown' : undefined;

/** Why a child cannot be imported at all, whatever is in Waypoint. */
function problemsOf(c: Child): string[] {
  const out: string[] = [];
  if (!c.birthDate && !c.expectedBirthDate) out.push('No date of birth or expected date of birth');
  if (c.nhsNumber) {
    const n = normaliseNhsNumber(c.nhsNumber);
    if (n === null || !isValidNhsNumber(n)) out.push(`NHS number ${c.nhsNumber} is not a real NHS number`);
  }
  if (c.cinEpisodes.length === 0) out.push('No child in need episodes');
  return out;
}

/**
 * Plans the import of a parsed census into the actor's LA. Reads only (one audit event for the
 * look-ups); nothing is written to the record.
 */
export async function planCinImport(
  db: Kysely<Schema>,
  actor: Actor,
  census: CinCensus,
  onProgress?: (done: number) => void,
): Promise<ImportPlan> {
  const children: PlannedChild[] = [];
  const seen = new Map<string, string>();
  await inTenant(db, actor.laCode, async (tx) => {
    const ctx = await buildAccessContext(tx, actor);
    for (const c of census.children) {
      const base = { laChildId: c.laChildId, matchedPersonId: null, episodes: c.cinEpisodes.length };
      const problems = problemsOf(c);
      const key = c.nhsNumber ? (normaliseNhsNumber(c.nhsNumber) ?? c.nhsNumber) : null;
      if (key !== null && seen.has(key))
        problems.push(`Same NHS number as child ${seen.get(key)} earlier in the file`);
      if (key !== null) seen.set(key, c.laChildId);
      if (problems.length > 0) {
        children.push({ ...base, outcome: 'refuse', reasons: problems });
        continue;
      }
      const known = await peopleByCensusIdentifiers(tx, actor.laCode, c);
      if (known.length === 1) {
        children.push({ ...base, outcome: 'match', matchedPersonId: known[0]!.id, reasons: [known[0]!.why] });
        onProgress?.(children.length);
        continue;
      }
      if (known.length > 1) {
        children.push({
          ...base,
          outcome: 'refuse',
          reasons: [`${known.length} existing records carry this child's identifiers: settle by hand`],
        });
        continue;
      }
      const nhs = key ?? undefined;
      const probe = {
        kind: c.birthDate ? 'child' : 'unborn',
        givenName: '',
        familyName: '',
        dateOfBirth: c.birthDate ?? undefined,
        expectedDateOfBirth: c.birthDate ? undefined : (c.expectedBirthDate ?? undefined),
        sex: sexOf(c.sex),
        nhsNumber: nhs,
      } as PersonInput;
      const candidates = await duplicateCandidates(tx, ctx, probe, undefined, 3);
      const best = candidates[0];
      const nhsAgrees = best !== undefined && best.reasons.some((r) => r.startsWith('NHS number'));
      if (best !== undefined && best.percent >= MATCH_PERCENT && nhsAgrees && candidates.length === 1)
        children.push({
          ...base,
          outcome: 'match',
          matchedPersonId: best.id,
          reasons: [`Matched by the duplicate check (${best.percent}%): ${best.reasons.join('; ')}`],
        });
      else if (best !== undefined)
        children.push({
          ...base,
          outcome: 'refuse',
          reasons: [
            `${candidates.length} possible existing record${candidates.length === 1 ? '' : 's'} (best ${best.percent}%: ${best.reasons.join('; ') || 'no agreeing details'}). The census has no names: settle by hand, then import again`,
          ],
        });
      else children.push({ ...base, outcome: 'create', reasons: ['No existing record of this child'] });
      onProgress?.(children.length);
    }
    await recordAudit(
      tx,
      { userId: actor.userId, organisationId: actor.organisationId, laCode: actor.laCode },
      { ip: null, requestId: `import-cin-${process.pid}` },
      {
        action: 'record.search',
        outcome: 'success',
        recordType: 'import',
        reason: `CIN census import dry run: ${census.children.length} children checked for existing records`,
      },
    );
  });
  const counts = { create: 0, match: 0, refuse: 0 };
  for (const c of children) counts[c.outcome]++;
  return { laCode: actor.laCode, collectionYear: census.header.year ?? null, children, counts };
}
