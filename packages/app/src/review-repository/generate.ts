/**
 * Fictional published reviews of realistic length (already anonymised: "Child A", "the health
 * visitor"), for tests, the demo fallback and `npm run bench:reviews-search`. Deterministic from
 * the seed. Nothing here is about a real child.
 */
import { Random } from '@waypoint/random';
import type { PublishReviewInput } from './input.ts';
import { ageBands, regions, reviewTypes, themes } from './vocabulary.ts';

const WORDS_PER_PAGE = 500;

const who = [
  'the health visitor',
  'Social Worker 1',
  'Social Worker 2',
  'the GP',
  'the school nurse',
  'the designated safeguarding lead',
  'the midwife',
  'the police officer',
  'the team manager',
  'Mother',
  'Father',
  'Mother’s partner',
  'the paediatrician',
  'the early help worker',
  'the housing officer',
];
const did = [
  'recorded a concern about',
  'did not share information about',
  'visited the family because of',
  'referred the family to children’s social care about',
  'discussed in supervision',
  'saw no evidence of',
  'was not told about',
  'asked Child A about',
  'escalated a worry about',
  'assessed the risk of',
];
const what = [
  'bruising to the face',
  'missed health appointments',
  'the condition of the home',
  'domestic abuse between the parents',
  'Mother’s mental health',
  'parental alcohol misuse',
  'school attendance',
  'an injury explained as a fall',
  'the child’s weight',
  'going missing overnight',
  'contact with older males',
  'online messages from an adult',
  'unsafe sleeping arrangements',
  'cannabis use in the home',
  'the family’s housing',
  'a disclosure to a teacher',
  'self-harm',
  'the baby’s crying',
  'neglect of dental care',
];
const why = [
  'because the referral was closed without an assessment',
  'as the agencies used different systems',
  'since no strategy discussion was held',
  'because the threshold was not thought to be met',
  'while the team was short of staff',
  'as the father was not seen',
  'because the voice of the child was not heard',
  'though the history was known to the police',
  'as professional curiosity was not applied',
  'because the plan was not reviewed',
];
const headings = [
  'Introduction',
  'Background to the review',
  'Methodology',
  'The family',
  'Chronology summary',
  'Key practice episode 1',
  'Key practice episode 2',
  'Key practice episode 3',
  'Key practice episode 4',
  'Analysis',
  'Multi-agency working',
  'Findings',
  'Recommendations',
  'Conclusion',
];
const factorList = [
  { code: 'family-professional', label: 'Family–professional interaction' },
  { code: 'human-tool', label: 'Human–tool operation' },
  { code: 'management-systems', label: 'Management systems' },
  { code: 'multi-agency-assessment', label: 'Multi-agency working in assessment' },
  { code: 'multi-agency-crisis', label: 'Multi-agency working in crises' },
  { code: 'reasoning-norms', label: 'Professional reasoning and norms' },
  { code: 'resources', label: 'Resources' },
];
/** January … December, from the platform's own English calendar. */
const months = Array.from({ length: 12 }, (_, m) =>
  new Date(Date.UTC(2000, m, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' }),
);

function sentence(r: Random): string {
  const s = `In ${r.pick(months)} ${r.int(2017, 2025)}, ${r.pick(who)} ${r.pick(did)} ${r.pick(what)} ${r.pick(why)}.`;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function paragraphs(r: Random, words: number): string {
  const out: string[] = [];
  let n = 0;
  while (n < words) {
    const p: string[] = [];
    for (let i = r.int(3, 7); i > 0; i--) p.push(sentence(r));
    const text = p.join(' ');
    n += text.split(' ').length;
    out.push(text);
  }
  return out.join('\n\n');
}

export interface GenerateOptions {
  seed: number;
  /** Pages of text (500 words each); 30 to 120 is a realistic review. */
  pages: number;
  partnership?: string;
  localAuthority?: string;
  publishedOn?: string;
  sourceReviewId?: string;
}

/** One fictional, anonymised review as publishReview's input. */
export function generateReview(o: GenerateOptions): PublishReviewInput {
  const r = new Random(o.seed);
  const perSection = Math.ceil((o.pages * WORDS_PER_PAGE) / headings.length);
  const theme = r.some(
    themes.map((t) => t.code),
    r.int(1, 4),
  );
  const year = r.int(2019, 2026);
  return {
    sourceReviewId: o.sourceReviewId ?? r.uuid(),
    title: `Child ${String.fromCharCode(65 + r.below(26))}: a local child safeguarding practice review`,
    partnership:
      o.partnership ??
      `${r.pick(['North', 'South', 'East', 'West', 'Mid'])} ${r.pick(['Vale', 'Downs', 'Marsh', 'Moor', 'Forest', 'Coast'])} Safeguarding Children Partnership`,
    region: r.pick(regions.map((x) => x.code)),
    localAuthority:
      o.localAuthority ??
      `${r.pick(['Ashby', 'Bramford', 'Calder', 'Dunmore', 'Elmsworth', 'Fenley'])} Council`,
    publishedOn:
      o.publishedOn ??
      `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
    reviewType: r.weighted(reviewTypes.map((t, i) => [t.code, i === 0 ? 8 : 1] as const)),
    ageBand: r.pick(ageBands.map((a) => a.code)),
    themes: theme,
    summary: paragraphs(r, 120).split('\n\n')[0] ?? '',
    sections: headings.map((heading) => ({ heading, text: paragraphs(r, perSection) })),
    findings: Array.from({ length: r.int(3, 6) }, () => ({
      text: `${sentence(r)} This is likely to recur in other areas ${r.pick(why)}.`,
      factors: r.some(factorList, r.int(1, 3)),
    })),
  };
}
