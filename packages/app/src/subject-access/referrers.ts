/**
 * The referrers named on a subject's contacts and the rule for each in a subject access bundle
 * (README.md, "Referrers"):
 * - a referrer who asked not to be named is always redacted (on any of their contacts: the safe
 *   side), wherever the bundle names them;
 * - a professional acting in their role (the contact came from a school, health, housing, the
 *   council's services, the police or another legal agency) who did not ask is disclosed, as staff
 *   and professionals acting in their role normally are (DPA 2018 Sch. 2 para. 17, ICO guidance);
 * - a member of the public (an individual, "other", anonymous or unknown source) who did not ask is
 *   still proposed for redaction: not asking is not consent, and the balancing test of Sch. 2
 *   para. 16 usually favours them (a duty of confidence, the risk to them). The officer may
 *   disclose them span by span where it is reasonable to.
 */
import type { Disclosure } from './cast.ts';

/** CIN census referral sources that are an agency, whose referrer acts in a professional role. */
const PROFESSIONAL_SOURCES: ReadonlySet<string> = new Set([
  '2A',
  '2B',
  '3A',
  '3B',
  '3C',
  '3D',
  '3E',
  '3F',
  '4',
  '5A',
  '5B',
  '5C',
  '5D',
  '6',
  '7',
]);

export interface Referrer {
  /** The name as the engine matches it: the recorded text up to a role after a comma or bracket. */
  name: string;
  /** The first contact naming them (the cast id). */
  contactId: string;
  askedNotToBeNamed: boolean;
  /** Every contact naming them came from an agency. */
  isProfessional: boolean;
}

/**
 * The name part of "Name and role of the person who raised it".
 * @example referrerName('Priya Ostrander, class teacher') // 'Priya Ostrander'
 * @example referrerName('PC Dan Hale (Fictionshire Police)') // 'PC Dan Hale'
 */
export function referrerName(raisedBy: string): string {
  return (raisedBy.split(/\s*[,(;]|\s[-–—]\s/)[0] ?? '').trim();
}

/** The referrers of `contacts` (oldest first), one per name, with every contact's answers combined. */
export function referrersOf(
  contacts: readonly {
    id: string;
    raised_by: string | null;
    source: string | null;
    referrer_asked_not_named: boolean;
  }[],
): Referrer[] {
  const byName = new Map<string, Referrer>();
  for (const c of contacts) {
    const name = referrerName(c.raised_by ?? '');
    if (name.length < 3) continue;
    const isProfessional = c.source !== null && PROFESSIONAL_SOURCES.has(c.source);
    const seen = byName.get(name.toLowerCase());
    if (seen === undefined)
      byName.set(name.toLowerCase(), {
        name,
        contactId: c.id,
        askedNotToBeNamed: c.referrer_asked_not_named,
        isProfessional,
      });
    else {
      seen.askedNotToBeNamed ||= c.referrer_asked_not_named;
      seen.isProfessional &&= isProfessional;
    }
  }
  return [...byName.values()];
}

/** The bundle's rule for one referrer. */
export function referrerDisclosure(r: Referrer): Disclosure {
  if (r.askedNotToBeNamed) return { redact: true, why: 'a referrer who asked not to be named' };
  if (r.isProfessional) return { redact: false, why: 'a professional referrer, in their role' };
  return { redact: true, why: 'a member of the public who made a referral' };
}
