/**
 * Demo feedback and "What got in the way?" reports for the demo borough (all fictional): answers
 * from the families of the named allocated child's team over the last months, so the team
 * manager's and the PSW's charts have something to show, and practitioners' reports (one with the
 * PSW's reply), and a supervision of the demo social worker about the allocated child. Idempotent: does nothing when the demo LA already has reports.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { inTenant } from '../db/tenant.ts';
import { codeHash, newCode } from '../feedback/codes.ts';
import { DEMO_ACCOUNTS, DEMO_LA_CODE, type SeededDemo } from './demo-accounts.ts';
import { DEMO_CHILDREN } from './demo-children.ts';

const reports: {
  who: string;
  page: string;
  body: string;
  daysAgo: number;
  reply?: string;
  changed?: string;
}[] = [
  {
    who: 'team.manager',
    page: '/children/:id/record/visit',
    body: 'The visit form timed out and I lost what I had typed',
    daysAgo: 80,
    reply: 'Thank you. The session now warns you before it ends.',
    changed: 'A warning before sign-out was added',
  },
  {
    who: 'front.door',
    page: '/children/:id/record/visit',
    body: 'Visit form timed out again before I could save it',
    daysAgo: 60,
  },
  {
    who: 'team.manager',
    page: '/caseload',
    body: 'Printing the chronology for court takes too many steps',
    daysAgo: 45,
  },
  {
    who: 'front.door',
    page: '/search',
    body: 'Search did not find a family when the surname was spelt differently',
    daysAgo: 30,
  },
  {
    who: 'team.manager',
    page: '/children/:id/record/visit',
    body: 'The visit form asks for the same details twice',
    daysAgo: 12,
  },
];

const scores = [
  [3, 4, 3, 'More notice before visits'],
  [2, 3, 2, 'Meetings after school hours'],
  [4, 4, 3, null],
  [3, 3, 3, 'The same worker for longer'],
  [1, 2, 2, 'Explain the plan in plain words'],
  [4, 3, 4, null],
  [3, 4, 4, 'Nothing, it is helping'],
] as const;

/** Seeds the demo feedback and reports once. */
export async function seedDemoInsight(db: Kysely<Schema>, demo: SeededDemo): Promise<void> {
  const userId = (local: string) => {
    const email = DEMO_ACCOUNTS.find((a) => a.email.startsWith(`${local}@`))?.email;
    return email === undefined ? undefined : demo.userIds[email];
  };
  await inTenant(db, DEMO_LA_CODE, async (tx) => {
    const any = await tx.selectFrom('friction_reports').select('id').limit(1).executeTakeFirst();
    if (any !== undefined) return;
    const psw = userId('principal.social.worker');
    for (const r of reports) {
      const reporter = userId(r.who);
      if (reporter === undefined) continue;
      const at = new Date(Date.now() - r.daysAgo * 86_400_000);
      await tx
        .insertInto('friction_reports')
        .values({
          la_code: DEMO_LA_CODE,
          reporter_user_id: reporter,
          page: r.page,
          body: r.body,
          created_at: at,
          ...(r.reply === undefined ? {} : { reply: r.reply, replied_by: psw ?? null, replied_at: at }),
          ...(r.changed === undefined ? {} : { what_changed: r.changed, changed_at: at }),
        })
        .execute();
    }
    const sender = userId('social.worker');
    const child = DEMO_CHILDREN.allocated.id;
    if (sender === undefined) return;
    const manager = userId('team.manager');
    if (manager !== undefined) {
      const { id } = await tx
        .insertInto('supervisions')
        .values({
          la_code: DEMO_LA_CODE,
          worker_user_id: sender,
          manager_user_id: manager,
          held_on: new Date(Date.now() - 14 * 86_400_000).toISOString().slice(0, 10),
          reflections:
            'Jayden talks more freely when seen at school than at home. Sam wonders whether the visits are too formal.',
          decisions:
            'See Jayden alone at school for the next two visits. Keep the plan as it is until the review.',
          actions:
            'Arrange visits at school – Sam, this week\nAsk the school nurse to join the review – Tara, before the review',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('supervision_children')
        .values({ supervision_id: id, person_id: child, la_code: DEMO_LA_CODE })
        .execute();
    }
    for (const [i, [u, l, p, better]] of scores.entries()) {
      const at = new Date(Date.now() - (i * 25 + 5) * 86_400_000);
      const { id } = await tx
        .insertInto('feedback_requests')
        .values({
          la_code: DEMO_LA_CODE,
          child_id: child,
          respondent_person_id: child,
          respondent: i % 2 === 0 ? 'child' : 'parent',
          form: i % 2 === 0 ? 'younger' : 'standard',
          channel: 'print',
          code_hash: codeHash(newCode()),
          expires_at: new Date(at.getTime() + 28 * 86_400_000),
          used_at: at,
          team_id: demo.teamIds.assessmentNorth,
          sent_by: sender,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('feedback_responses')
        .values({
          la_code: DEMO_LA_CODE,
          request_id: id,
          child_id: child,
          team_id: demo.teamIds.assessmentNorth,
          respondent: i % 2 === 0 ? 'child' : 'parent',
          form: i % 2 === 0 ? 'younger' : 'standard',
          understand_worries: u,
          listened_to: l,
          plan_helping: p,
          make_better: better,
          answered_at: at,
        })
        .execute();
    }
  });
}
