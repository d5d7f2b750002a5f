/**
 * Who may be asked for feedback about a child: the child, and their parents and carers recorded in
 * the family, each with the contact details recorded for them and whether they agreed to be
 * contacted. A restricted record is never offered for email or text message.
 */
import type { AccessContext } from '../access/access-context.ts';
import type { Tx } from '../db/tenant.ts';
import { readFamily } from '../people/family.ts';
import type { PersonRecords } from '../records/person-records.ts';
import { contactDetailsIn, type ContactDetails } from './contact-details.ts';
import type { Respondent } from './schema.ts';

export interface Recipient {
  personId: string;
  name: string;
  /** "The child", "Mother", "Foster carer"... */
  relationship: string;
  respondent: Respondent;
  isRestricted: boolean;
  details: ContactDetails;
}

const parentWords = new Set(['Mother', 'Father', 'Parent', 'Step-parent']);
const carerWords = new Set(['Carer', 'Foster carer', 'Grandparent']);

/** The family members (ids and relationship words) who may answer for the child, from the family record. */
export async function familyRespondents(
  records: PersonRecords,
  childId: string,
): Promise<{ personId: string; relationship: string; respondent: Respondent }[]> {
  const { members } = await readFamily(records, childId);
  return members
    .filter((m) => m.canOpen && m.endedOn === null && (parentWords.has(m.type) || carerWords.has(m.type)))
    .map((m) => ({
      personId: m.personId,
      relationship: m.type,
      respondent: parentWords.has(m.type) ? ('parent' as const) : ('carer' as const),
    }));
}

/** The recipients, read in the child's transaction; each relative opened under the caller's own access. */
export async function recipientsIn(
  records: PersonRecords,
  tx: Tx,
  ctx: AccessContext,
  child: { id: string; name: string; isRestricted: boolean },
  family: { personId: string; relationship: string; respondent: Respondent }[],
): Promise<Recipient[]> {
  const out: Recipient[] = [
    {
      personId: child.id,
      name: child.name,
      relationship: 'The child',
      respondent: 'child',
      isRestricted: child.isRestricted,
      details: await contactDetailsIn(tx, child.id),
    },
  ];
  for (const f of family) {
    const opened = await records.loadIn(tx, ctx, f.personId, 'view');
    if (opened === null) continue;
    out.push({
      ...f,
      name: `${opened.person.given_name} ${opened.person.family_name}`,
      isRestricted: opened.person.is_restricted,
      details: await contactDetailsIn(tx, opened.person.id),
    });
  }
  return out;
}
