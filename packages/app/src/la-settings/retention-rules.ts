/**
 * The LA's retention schedule: how long each kind of children's social care record is kept. The
 * defaults follow the national position; an LA changes them on its settings page to match its own
 * published schedule. Where a record is of more than one kind, the longest period applies.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor, RequestMeta } from '../auth/actor.ts';
import { auditWho } from '../auth/admin/access.ts';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';

export const recordKinds = ['looked_after', 'child_protection', 'child_in_need', 'contact_only'] as const;
export type RecordKind = (typeof recordKinds)[number];
export type RetentionBasis = 'birthday' | 'years_after_closure';

export interface RetentionRule {
  kind: RecordKind;
  label: string;
  basis: RetentionBasis;
  years: number;
  /** Where the default comes from (shown on the settings page). */
  source: string;
  isDefault: boolean;
}

/** The national defaults, with their sources. */
export const retentionDefaults: Record<RecordKind, Omit<RetentionRule, 'isDefault'>> = {
  looked_after: {
    kind: 'looked_after',
    label: 'Looked-after child',
    basis: 'birthday',
    years: 75,
    source:
      'The Care Planning, Placement and Case Review (England) Regulations 2010, regulation 50: the case record is kept until the 75th anniversary of the child’s date of birth (or 15 years after the death of a child who dies before 18).',
  },
  child_protection: {
    kind: 'child_protection',
    label: 'Child protection (section 47 or a child protection plan)',
    basis: 'birthday',
    years: 26,
    source:
      'No statutory period. A common local authority schedule (following the IRMS Retention Guidelines for Local Authorities): until the 26th birthday. Check it against your own published schedule.',
  },
  child_in_need: {
    kind: 'child_in_need',
    label: 'Child in need',
    basis: 'birthday',
    years: 25,
    source:
      'No statutory period. A common local authority schedule (following the IRMS Retention Guidelines for Local Authorities): until the 25th birthday. Check it against your own published schedule.',
  },
  contact_only: {
    kind: 'contact_only',
    label: 'Contact or referral with no further action',
    basis: 'years_after_closure',
    years: 6,
    source:
      'Waypoint’s default, after the six-year limitation period of the Limitation Act 1980, section 2. Set your own.',
  },
};

/** The LA's rules: its saved ones, the defaults for the rest, in `recordKinds` order. */
export async function retentionRules(db: Kysely<Schema>, laCode: string): Promise<RetentionRule[]> {
  const rows = await db.selectFrom('retention_rules').selectAll().where('la_code', '=', laCode).execute();
  return recordKinds.map((kind) => {
    const d = retentionDefaults[kind];
    const own = rows.find((r) => r.kind === kind);
    return own === undefined
      ? { ...d, isDefault: true }
      : {
          ...d,
          basis: own.basis,
          years: own.years,
          isDefault: own.basis === d.basis && own.years === d.years,
        };
  });
}

/** Saves one rule for the administrator's LA, audited with the old and new period. */
export async function saveRetentionRule(
  db: Kysely<Schema>,
  admin: Actor,
  input: { kind: RecordKind; basis: RetentionBasis; years: number },
  meta: RequestMeta,
): Promise<void> {
  await inTenant(db, admin.laCode, async (tx) => {
    await tx
      .insertInto('retention_rules')
      .values({ la_code: admin.laCode, ...input, updated_by: admin.userId })
      .onConflict((oc) =>
        oc.columns(['la_code', 'kind']).doUpdateSet({
          basis: input.basis,
          years: input.years,
          updated_by: admin.userId,
          updated_at: new Date(),
        }),
      )
      .execute();
    await recordAudit(tx, auditWho(admin), meta, {
      action: 'admin.retention_rule_update',
      outcome: 'success',
      recordType: 'retention_rule',
      reason: `${input.kind}: ${input.basis} ${input.years}`,
    });
  });
}

/** The facts about one record the rules need. */
export interface RetentionFacts {
  dateOfBirth: string | null;
  kinds: readonly RecordKind[];
  /** The last day the record was open (latest closure or contact), ISO date; null while open. */
  closedOn: string | null;
  isOpen: boolean;
}

const addYears = (iso: string, years: number) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  // 29 February + N years on a non-leap year: 1 March (the day after 28 February).
  const date = new Date(Date.UTC(y + years, m - 1, d));
  return date.toISOString().slice(0, 10);
};

/**
 * The day a record is kept until, under the longest rule of its kinds, and that rule; null when it
 * cannot yet be known (still open for a closure rule, or no date of birth for a birthday rule).
 * @example keptUntil(rules, { dateOfBirth: '2010-04-01', kinds: ['looked_after'], closedOn: null, isOpen: false })
 *   // { until: '2085-04-01', kind: 'looked_after' }
 */
export function keptUntil(
  rules: readonly RetentionRule[],
  facts: RetentionFacts,
): { until: string; kind: RecordKind } | null {
  let best: { until: string; kind: RecordKind } | null = null;
  for (const kind of facts.kinds) {
    const rule = rules.find((r) => r.kind === kind);
    if (rule === undefined) continue;
    let until: string | null = null;
    if (rule.basis === 'birthday')
      until = facts.dateOfBirth === null ? null : addYears(facts.dateOfBirth, rule.years);
    else until = facts.isOpen || facts.closedOn === null ? null : addYears(facts.closedOn, rule.years);
    if (until === null) return null;
    if (best === null || until > best.until) best = { until, kind };
  }
  return best;
}
