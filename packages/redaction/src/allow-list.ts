/**
 * Words and phrases that must stay: agencies, roles, legal and practice terms, calendar words and
 * the review's own pseudonyms. Detectors drop any candidate that an allow entry covers.
 */

const AGENCIES = `Ofsted|NSPCC|Barnardo's|Cafcass|CAMHS|MASH|NHS|NHS England|Department for Education|DfE|Home Office|
Children's Social Care|Children's Services|Adult Social Care|Social Care|Early Help|Youth Justice Service|Youth Offending Team|
Police|Probation|Probation Service|National Probation Service|Crown Prosecution Service|CPS|Family Court|County Court|
Magistrates' Court|Crown Court|High Court|Court of Appeal|Local Authority|Council|Borough Council|City Council|County Council|
Safeguarding Partnership|Local Safeguarding Children Board|LSCB|Integrated Care Board|ICB|Clinical Commissioning Group|CCG|
Health Visiting Service|Health Visiting|School Nursing|Midwifery|Midwifery Service|Emergency Department|A&E|Accident and Emergency|
Ambulance Service|Housing|Housing Services|Department for Work and Pensions|DWP|Jobcentre Plus|Citizens Advice|Women's Aid|
Refuge|Samaritans|Childline|Action for Children|The Children's Society|Family Nurse Partnership|Sure Start|
MARAC|MAPPA|CP-IS|UPN|NHS number|National Insurance|National Insurance number|Operation Encompass|Universal Credit|Food Bank|Emergency Duty Team|Paediatric Assessment Unit|Multi-Agency Safeguarding Hub|Domestic Abuse Service|LADO|IRO|DSL|SENCO|PLO|SGO|EHCP|GP|A&E|ICPC|RCPC|CIN|CP|CLA|LAC|UASC|S47|DBS|ONS|ICO|UK|England|Wales|
Britain|Great Britain|United Kingdom|English|British|Welsh|Scottish|Irish|Polish|Romanian|Nigerian|Ghanaian|Pakistani|Indian|
Bangladeshi|Somali|Eritrean|Afghan|Syrian|Muslim|Christian|Islam|Hindu|Sikh|Jewish|Catholic|Covid|Covid-19|COVID-19|Google|
Facebook|Instagram|Snapchat|WhatsApp|TikTok|YouTube|Xbox|PlayStation|Microsoft|Word|Excel|Teams|Zoom`;

const ROLES = `Social Worker|Senior Social Worker|Advanced Practitioner|Team Manager|Service Manager|Head of Service|Director|
Director of Children's Services|Principal Social Worker|Health Visitor|School Nurse|Midwife|Community Midwife|General Practitioner|
Paediatrician|Consultant|Consultant Paediatrician|Nurse|Practice Nurse|Designated Safeguarding Lead|Designated Nurse|
Designated Doctor|Named Nurse|Named Doctor|Head Teacher|Headteacher|Deputy Head|Class Teacher|Teacher|Teaching Assistant|
Family Support Worker|Early Help Worker|Key Worker|Lead Professional|Independent Reviewing Officer|Child Protection Chair|
Conference Chair|Police Officer|Detective Constable|Detective Sergeant|Police Constable|Sergeant|Inspector|Officer|
Housing Officer|Youth Worker|Probation Officer|Solicitor|Barrister|Judge|Magistrate|Guardian|Children's Guardian|
Foster Carer|Carer|Mother|Father|Mum|Dad|Mummy|Daddy|Nan|Nana|Grandma|Grandad|Granddad|Grandmother|Grandfather|Aunt|Auntie|
Uncle|Sister|Brother|Sibling|Baby|Child|Children|Partner|Stepfather|Stepmother|Lead Reviewer|Independent Reviewer|Reviewer|
Author|Panel|Chair|Manager|Practitioner|Worker|Professional|Professionals`;

const TERMS = `Child Protection|Child Protection Plan|Child Protection Conference|Initial Child Protection Conference|
Review Child Protection Conference|Core Group|Core Group Meeting|Strategy Discussion|Strategy Meeting|Section 47|Section 17|
Section 20|Child in Need|Child in Need Plan|Children Act|Children Act 1989|Children Act 2004|Working Together|
Working Together to Safeguard Children|Public Law Outline|Care Order|Interim Care Order|Supervision Order|
Special Guardianship Order|Emergency Protection Order|Police Protection|Rapid Review|Serious Case Review|
Child Safeguarding Practice Review|Learning Review|Key Practice Episode|Key Practice Episodes|Terms of Reference|Executive Summary|
Findings|Finding|Recommendations|Recommendation|Background|Introduction|Methodology|Chronology|Summary|Conclusion|Conclusions|
Appendix|Contents|Glossary|Family|Family Background|Assessment|Child and Family Assessment|Single Assessment|Referral|Contact|
Plan|Review|Panel|Conference|Meeting|Visit|Home Visit|Unannounced|Lessons|Learning|Practice|Episode|Episodes|Part|Section|Page|
Table|Figure|Note|Notes|Key|Theme|Themes|Response|Question|Questions|Analysis|Evidence|Outcome|Report|Reports|Case|Record|
Records|Information|Data Protection|Data Protection Act|GDPR|Domestic Abuse|Domestic Violence|Neglect|Graded Care Profile|
Signs of Safety|Team Around the Family|Early Help Assessment|Looked After|Care Leaver|Pathway Plan|Personal Education Plan`;

const CALENDAR = `Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|
October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Christmas|Easter|Eid|Diwali|Ramadan|Hanukkah|
New Year|Bank Holiday|Half Term|Spring|Summer|Autumn|Winter|Term|Year|Reception|Nursery|Key Stage`;

const FUNCTION = `The|A|An|This|That|These|Those|It|Its|He|She|They|We|I|You|His|Her|Hers|Their|Theirs|Our|My|Your|Him|Them|Us|Me|
In|On|At|By|For|From|To|Of|With|Without|Within|After|Before|During|Following|Over|Under|Between|Around|About|Across|Against|
Along|Among|Through|Throughout|Towards|Upon|When|While|Whilst|Where|Whether|Which|Who|Whom|Whose|What|Why|How|If|Although|
Though|Because|Since|As|But|And|Or|Nor|So|Yet|Also|However|Therefore|Thus|Then|There|Here|Later|Earlier|Subsequently|
Meanwhile|Overall|Some|Many|Most|All|Any|Each|Every|No|Not|None|Both|Either|Neither|Other|Another|Such|One|Two|Three|Four|
Five|Six|Seven|Eight|Nine|Ten|First|Second|Third|Fourth|Fifth|Last|Next|Previous|Further|Only|Again|Once|Yes|Ok|OK|Mr|Mrs|
Ms|Miss|Dr|Is|Was|Were|Are|Be|Been|Has|Had|Have|Do|Did|Does|Can|Could|Will|Would|Shall|Should|May|Might|Must`;

function phrases(s: string): string[] {
  return s
    .split('|')
    .map((x) => x.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** Built-in allow-list entries. */
export const BUILTIN_ALLOW: readonly string[] = [
  ...phrases(AGENCIES),
  ...phrases(ROLES),
  ...phrases(TERMS),
  ...phrases(CALENDAR),
  ...phrases(FUNCTION),
];

/** Pseudonyms a review already uses: "Child A", "Sibling 2", "Adult C", "School 1", "Social Worker 3". */
export const PSEUDONYM =
  /^(?:(?:Child|Sibling|Adult|Person|Parent|Baby|Young Person|Male|Female|Practitioner)\s+[A-Z0-9]{1,2}|(?:[A-Z][a-z]+\s+){0,2}(?:[1-9]\d?|[A-Z]))$/u;

/** Lower case, possessives dropped and hyphens made spaces (as the tokenizer splits them), single spaces. */
const norm = (s: string): string => {
  const l = s.toLowerCase();
  return /['’-]|\s\s|^\s|\s$|[\t\n]/.test(l)
    ? l
        .replace(/['’]s\b/g, '')
        .replace(/[\s-]+/g, ' ')
        .trim()
    : l;
};

let builtin: { set: Set<string> } | undefined;

/** A compiled allow-list: `has` answers for one word or a whole phrase, case-insensitively. */
export interface AllowList {
  has(phrase: string): boolean;
  /** Longest allow phrase starting at word index `i` of `words` (lower case), in words; 0 if none. */
  longestAt(words: readonly string[], i: number): number;
}

/**
 * Builds the allow-list from the built-in entries and a policy's extras.
 * @example
 * const allow = buildAllowList(['Riverside Partnership']);
 * allow.has('ofsted'); // true
 */
export function buildAllowList(extra: readonly string[] = []): AllowList {
  const memoKey = extra.join('\u0000');
  const hit = memo.get(memoKey);
  if (hit) return hit;
  const built = build(extra);
  if (memo.size > 50) memo.clear();
  memo.set(memoKey, built);
  return built;
}

const memo = new Map<string, AllowList>();

function build(extra: readonly string[]): AllowList {
  if (!builtin) {
    builtin = { set: new Set(BUILTIN_ALLOW.map(norm)) };
  }
  const set = new Set(builtin.set);
  for (const p of extra) set.add(norm(p));
  // The longest phrase that starts with each word, so most words are answered by one lookup.
  const longest = new Map<string, number>();
  for (const p of set) {
    const w = p.split(' ');
    longest.set(w[0]!, Math.max(longest.get(w[0]!) ?? 0, w.length));
  }
  return {
    has: (phrase) => set.has(norm(phrase)),
    longestAt(words, i) {
      const max = longest.get(words[i]!);
      if (max === undefined) return 0;
      for (let n = Math.min(max, words.length - i); n >= 1; n--) {
        if (set.has(n === 1 ? words[i]! : words.slice(i, i + n).join(' '))) return n;
      }
      return 0;
    },
  };
}
