/**
 * A child's feedback, for their record: the answers (newest first) and the requests sent, with
 * whether each was answered, expired or is waiting. Read through the caller-bound repository.
 */
import type { Actor } from '../auth/actor.ts';
import { can } from '../access/capabilities.ts';
import type { OpenedRecord, PersonRecords } from '../records/person-records.ts';
import { answerWords } from './questions.ts';
import { familyRespondents, recipientsIn, type Recipient } from './recipients.ts';
import type { Respondent } from './schema.ts';

export interface FeedbackAnswer {
  answeredAt: Date;
  respondent: Respondent;
  form: 'standard' | 'younger';
  understandWorries: string;
  listenedTo: string;
  planHelping: string;
  makeBetter: string | null;
}

export interface RequestRow {
  sentAt: Date;
  sentBy: string;
  respondent: Respondent;
  channel: 'email' | 'sms' | 'print';
  status: 'Answered' | 'Expired' | 'Waiting';
}

export interface ChildFeedback {
  opened: OpenedRecord;
  answers: FeedbackAnswer[];
  requests: RequestRow[];
  /** Who may be asked, when the caller may ask. */
  recipients: Recipient[] | null;
}

/** The child's feedback page. @throws NotFoundError */
export async function childFeedback(
  records: PersonRecords,
  actor: Actor,
  childId: string,
): Promise<ChildFeedback> {
  const mayAsk = can(actor.roles, 'request_feedback');
  const family = mayAsk ? await familyRespondents(records, childId) : [];
  return records.withRecord(childId, 'view', 'record.view', async (tx, opened, ctx) => {
    const child = opened.person;
    const answers = await tx
      .selectFrom('feedback_responses')
      .selectAll()
      .where('child_id', '=', child.id)
      .orderBy('answered_at', 'desc')
      .limit(100)
      .execute();
    const requests = await tx
      .selectFrom('feedback_requests as r')
      .innerJoin('users as u', 'u.id', 'r.sent_by')
      .select(['r.created_at', 'u.name', 'r.respondent', 'r.channel', 'r.used_at', 'r.expires_at'])
      .where('r.child_id', '=', child.id)
      .orderBy('r.created_at', 'desc')
      .limit(50)
      .execute();
    const recipients =
      mayAsk && child.kind === 'child'
        ? await recipientsIn(
            records,
            tx,
            ctx,
            {
              id: child.id,
              name: `${child.given_name} ${child.family_name}`,
              isRestricted: child.is_restricted,
            },
            family,
          )
        : null;
    return {
      opened,
      answers: answers.map((a) => ({
        answeredAt: a.answered_at,
        respondent: a.respondent,
        form: a.form,
        understandWorries: answerWords(a.understand_worries),
        listenedTo: answerWords(a.listened_to),
        planHelping: answerWords(a.plan_helping),
        makeBetter: a.make_better,
      })),
      requests: requests.map((r) => ({
        sentAt: r.created_at,
        sentBy: r.name,
        respondent: r.respondent,
        channel: r.channel,
        status:
          r.used_at !== null ? 'Answered' : r.expires_at.getTime() <= Date.now() ? 'Expired' : 'Waiting',
      })),
      recipients,
    };
  });
}

/**
 * The latest three answers about the plan, for the journey page beside the plan's goal scores.
 * The journey page audits the view itself, so this read adds no audit event. @throws NotFoundError
 */
export async function planFeedback(
  records: PersonRecords,
  childId: string,
): Promise<{ answeredAt: Date; respondent: Respondent; planHelping: string; makeBetter: string | null }[]> {
  return records.withRecord(
    childId,
    'view',
    'record.view',
    async (tx, opened) => {
      const rows = await tx
        .selectFrom('feedback_responses')
        .select(['answered_at', 'respondent', 'plan_helping', 'make_better'])
        .where('child_id', '=', opened.person.id)
        .orderBy('answered_at', 'desc')
        .limit(3)
        .execute();
      return rows.map((r) => ({
        answeredAt: r.answered_at,
        respondent: r.respondent,
        planHelping: answerWords(r.plan_helping),
        makeBetter: r.make_better,
      }));
    },
    { auditSuccess: false },
  );
}
