/** What leaves the server about an involvement, for its holder: the partner's own record of it. */
import { formatNhsNumber } from '@waypoint/identifiers';
import type { InvolvementRow } from './partner-records.ts';
import { involvementReasons, wordsFor } from './words.ts';

export interface InvolvementView {
  id: string;
  childName: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  nhsNumber: string | null;
  postcode: string | null;
  service: string;
  role: string;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  since: string;
  until: string | null;
  reason: string;
  reasonCode: string | null;
  shielded: boolean;
  linked: boolean;
  ended: boolean;
  version: number;
}

/** The holder's view of their involvement (never the council's record behind it). */
export function presentInvolvement(r: InvolvementRow): InvolvementView {
  const today = new Date().toISOString().slice(0, 10);
  return {
    id: r.id,
    childName: `${r.child_given_name ?? ''} ${r.child_family_name ?? ''}`.trim(),
    givenName: r.child_given_name ?? '',
    familyName: r.child_family_name ?? '',
    dateOfBirth: r.child_date_of_birth === null ? null : r.child_date_of_birth,
    nhsNumber: r.child_nhs_number === null ? null : formatNhsNumber(r.child_nhs_number),
    postcode: r.child_postcode,
    service: r.service ?? r.role,
    role: r.role,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    contactEmail: r.contact_email,
    since: r.started_on,
    until: r.ended_on === null ? null : r.ended_on,
    reason: wordsFor(involvementReasons, r.reason),
    reasonCode: r.reason,
    shielded: r.is_shielded,
    linked: r.linked_at !== null,
    ended: r.ended_on !== null && r.ended_on < today,
    version: r.version,
  };
}

/** The involvement as the form's input (for correcting it). */
export function involvementAsInput(v: InvolvementView): Record<string, unknown> {
  return {
    givenName: v.givenName,
    familyName: v.familyName,
    dateOfBirth: v.dateOfBirth,
    nhsNumber: v.nhsNumber,
    postcode: v.postcode,
    service: v.service,
    role: v.role,
    contactName: v.contactName,
    contactPhone: v.contactPhone,
    contactEmail: v.contactEmail,
    since: v.since,
    until: v.until,
    reason: v.reasonCode,
    shielded: v.shielded ? 'yes' : 'no',
  };
}
