/**
 * A seeded generator of fictional children's histories (no real person's data), for tests,
 * demonstrations and the benchmark. Every child is clean: the CIN census built from the model for
 * the year has no validation errors.
 */
import { upnCheckLetter } from '@waypoint/identifiers';
import { addDays, addMonths, addYears } from '../dates.ts';
import { DISABILITY_CODES, ETHNICITY_CODES } from '../model/codes.ts';
import type { Adopter, Child, LookedAfterEpisode, ReturnsInput } from '../model/types.ts';
import { type CollectionYear, referenceDateOf } from '../years.ts';
import { mainEpisode, nfaEpisode } from './cin-history.ts';
import { dateIn, Random } from './random.ts';

export interface GenerateOptions {
  children: number;
  seed?: number;
  year?: CollectionYear;
  laCode?: string;
}

const TEAMS = [
  'Assessment North',
  'Assessment South',
  'Child Protection',
  'Children in Care',
  'Leaving Care',
  'Disabled Children',
];
const DISABLED = DISABILITY_CODES.filter((d) => d !== 'NONE');
const POSTCODES = ['SW1A 1AA', 'M1 1AE', 'B33 8TH', 'LS1 4AP', 'NE1 7RU', 'BS1 5TR', 'CR2 6XH', 'DN55 1PT'];

/** A valid UPN for the LA with a serial number. */
export function makeUpn(laCode: string, serial: number): string {
  const last12 = `${laCode}${String(serial % 1e8).padStart(8, '0')}${serial % 10}`;
  return `${upnCheckLetter(last12)}${last12}`;
}

/**
 * Generates the input model for `children` fictional children, the same for the same seed.
 * @example generateInput({ children: 100, seed: 7, year: '2025-26' })
 */
export function generateInput(options: GenerateOptions): ReturnsInput {
  const r = new Random(options.seed ?? 1);
  const year = options.year ?? '2025-26';
  const laCode = options.laCode ?? '201';
  const ref = referenceDateOf(year);
  const start = addDays(addYears(ref, -1), 1);
  const children: Child[] = [];
  for (let i = 1; i <= options.children; i++) children.push(generateChild(r, i, laCode, start, ref));
  const leavers = Math.ceil(options.children / 50);
  for (let i = 1; i <= leavers; i++) children.push(generateCareLeaver(r, options.children + i, laCode, ref));
  const adopters: Adopter[] = [];
  for (let i = 1; i <= Math.ceil(options.children / 200); i++)
    adopters.push(generateAdopter(r, i, start, ref));
  return { laCode, laName: 'Fictional Borough', children, adopters };
}

function generateChild(r: Random, i: number, laCode: string, start: string, ref: string): Child {
  const unborn = r.chance(0.02);
  const birthDate = unborn ? null : dateIn(r, addYears(ref, -17), addDays(ref, -30));
  const expectedBirthDate = unborn ? dateIn(r, addDays(ref, 1), addMonths(ref, 8)) : null;
  const born = birthDate ?? expectedBirthDate!;
  const earliest = addDays(born, -270);
  const hasUpn = birthDate !== null && birthDate <= addYears(ref, -3);
  const disabilities = r.chance(0.85) ? ['NONE'] : r.some(DISABLED, r.chance(0.7) ? 1 : 2);
  const main = mainEpisode(r, start, ref, earliest);
  const cinEpisodes = [main];
  const prevLatest = addDays(main.referralDate!, -2);
  const prevEarliest = earliest > start ? earliest : start;
  if (r.chance(0.15) && prevEarliest <= prevLatest)
    cinEpisodes.unshift(nfaEpisode(r, dateIn(r, prevEarliest, prevLatest)));
  const child: Child = {
    laChildId: `WP${String(i).padStart(7, '0')}`,
    upn: hasUpn ? makeUpn(laCode, i) : null,
    upnUnknown: hasUpn ? null : 'UN1',
    birthDate,
    expectedBirthDate,
    sex: unborn ? 'U' : r.chance(0.5) ? 'M' : 'F',
    ethnicity: r.pick(ETHNICITY_CODES),
    disabilities,
    postcode: r.pick(POSTCODES),
    allocatedTeam: r.pick(TEAMS),
    allocatedWorker: `SW${String(r.int(1, 400)).padStart(4, '0')}`,
    contacts: cinEpisodes.map((e) => ({
      date: addDays(e.referralDate!, -r.int(0, 3)),
      source: e.referralSource!,
    })),
    cinEpisodes,
    lastSeenDate: addDays(ref, -r.int(1, 40)),
  };
  if (r.chance(0.1))
    child.earlyHelp = [
      { startDate: dateIn(r, addMonths(ref, -8), ref), endDate: null, organisation: 'Family Hub' },
    ];
  if (birthDate && r.chance(0.06)) addLookedAfter(r, child, birthDate, ref);
  return child;
}

/** `pick`, or the next postcode in the list when `pick` is the one to avoid. */
function otherPostcode(pick: string, avoid: string | null): string {
  return pick === avoid ? POSTCODES[(POSTCODES.indexOf(pick) + 1) % POSTCODES.length]! : pick;
}

function addLookedAfter(r: Random, child: Child, birthDate: string, ref: string): void {
  const from = birthDate > addYears(ref, -3) ? birthDate : addYears(ref, -3);
  const startDate = dateIn(r, from, addDays(ref, -40));
  const home = child.postcode ?? null;
  const placement = r.pick(['U1', 'U4', 'K2', 'R1', 'P1']);
  const provider = r.pick(['PR1', 'PR4']);
  const legalStatus = r.pick(['C2', 'V2', 'C1', 'C2']);
  // Placed with parents (P1) only under a care order, with provider PR0 (903 rules 378, 527–531, 550).
  const first: LookedAfterEpisode = {
    startDate,
    reasonNewEpisode: 'S',
    legalStatus: placement === 'P1' && legalStatus === 'V2' ? 'C2' : legalStatus,
    categoryOfNeed: r.pick(['N1', 'N2', 'N4', 'N5']),
    placement,
    placementProvider: placement === 'P1' ? 'PR0' : provider,
    homePostcode: home,
    placementPostcode: placement === 'P1' ? home : otherPostcode(r.pick(POSTCODES), home),
    urn: 'XXXXXXX',
  };
  const episodes = [first];
  if (r.chance(0.4)) {
    const change = dateIn(r, addDays(startDate, 10), addDays(ref, -5));
    first.endDate = change;
    first.reasonEnded = 'X1';
    first.reasonPlaceChange = r.pick(['CARPL', 'CHILD', 'LAREQ']);
    const next = r.pick(['U1', 'U5', 'R1']);
    episodes.push({
      ...first,
      startDate: change,
      reasonNewEpisode: 'P',
      // A placement change moves the child: another placement type and address (rule 435).
      placement: next === first.placement ? 'U5' : next,
      placementProvider: first.placement === 'P1' ? 'PR1' : first.placementProvider,
      placementPostcode: otherPostcode(
        otherPostcode(
          POSTCODES[(POSTCODES.indexOf(first.placementPostcode ?? '') + 1) % POSTCODES.length]!,
          home,
        ),
        first.placementPostcode ?? null,
      ),
      endDate: null,
      reasonEnded: null,
      reasonPlaceChange: null,
    });
  }
  child.lookedAfter = episodes;
  const reviewDate = addDays(startDate, 20);
  const participation = r.pick(['PN1', 'PN2', 'PN5']);
  // PN0: the child was under 4 at the review (903 rules 440, 441).
  child.lacReviews = [
    { date: reviewDate, participation: addYears(birthDate, 4) > reviewDate ? 'PN0' : participation },
  ];
  child.health = {
    sdqScore: r.int(0, 40),
    healthCheck: true,
    immunisations: true,
    teethCheck: true,
    healthAssessment: true,
    substanceMisuse: false,
    convicted: false,
    lastHealthAssessmentDate: addDays(ref, -r.int(10, 200)),
    lastDentalCheckDate: addDays(ref, -r.int(10, 200)),
  };
  child.socialWorkerEpisodes = [
    { workerId: `SWE${r.int(100000, 999999)}`, startDate, endDate: null, changeReason: 'TSPROC' },
  ];
  child.permanencePlan = r.pick(['a', 'b', 'c', 'f']);
  child.lastSocialWorkVisit = addDays(ref, -r.int(1, 40));
  child.lastIroContact = addDays(ref, -r.int(1, 90));
  if (r.chance(0.3))
    child.missing = [
      {
        type: r.pick(['M', 'A']),
        startDate: addDays(startDate, 5),
        endDate: addDays(startDate, 6),
        returnInterviewOffered: true,
        returnInterviewAccepted: r.chance(0.5),
      },
    ];
  if (r.chance(0.2))
    child.adoption = {
      familyId: `FAM${r.int(1000, 9999)}`,
      decisionDate: addDays(startDate, 30),
      placementOrderDate: addDays(startDate, 60),
      matchedDate: null,
      placedDate: null,
    };
}

function generateAdopter(r: Random, i: number, start: string, ref: string): Adopter {
  const enquiryDate = dateIn(r, start, addDays(ref, -10));
  return {
    adopterId: `AD${String(i).padStart(5, '0')}`,
    familyId: `FAM${String(i).padStart(4, '0')}`,
    gender: r.pick(['M', 'F']),
    ethnicity: r.pick(ETHNICITY_CODES),
    disability: false,
    fosteringForAdoption: r.chance(0.2),
    enquiryDate,
    stage1Start: addDays(enquiryDate, 7),
  };
}

/** A care leaver: looked after from 15 until 18, no CIN episode in the year. */
function generateCareLeaver(r: Random, i: number, laCode: string, ref: string): Child {
  // Left care on their 18th birthday, before 31 March (care ending on 31 March still counts as 12 months' care).
  const birthDate = dateIn(r, addYears(ref, -21), addDays(addYears(ref, -18), -1));
  const startDate = addYears(birthDate, 15);
  const endDate = addYears(birthDate, 18);
  return {
    laChildId: `WP${String(i).padStart(7, '0')}`,
    upn: makeUpn(laCode, i),
    birthDate,
    sex: r.chance(0.5) ? 'M' : 'F',
    ethnicity: r.pick(ETHNICITY_CODES),
    disabilities: ['NONE'],
    allocatedTeam: 'Leaving Care',
    allocatedWorker: `PA${String(r.int(1, 60)).padStart(3, '0')}`,
    cinEpisodes: [],
    lookedAfter: [
      {
        startDate,
        reasonNewEpisode: 'S',
        legalStatus: 'V2',
        categoryOfNeed: 'N4',
        placement: 'U4',
        placementProvider: 'PR1',
        endDate,
        reasonEnded: 'E8',
        urn: 'XXXXXXX',
        homePostcode: 'LS1 4AP',
        placementPostcode: 'M1 1AE',
      },
    ],
    socialWorkerEpisodes: [
      {
        workerId: `SW${String(i).padStart(6, '0')}`,
        startDate,
        endDate,
        changeReason: 'TSPROC',
        reasonEnded: null,
      },
    ],
    careLeaver: {
      eligibility: r.pick(['Former relevant child', 'Relevant child']),
      inTouch: r.pick(['YES', 'YES', 'YES', 'NO']),
      activity: r.pick(['F2', 'P1', 'G4', 'F1']),
      accommodation: r.pick(['D1', 'B1', 'E1', 'K2']),
    },
  };
}
