/** Section 47, conference and concurrency rules. */
import { addWorkingDays } from '../../src/calendar/bank-holidays.ts';
import { dayOfWeek } from '../../src/dates.ts';
import { addDays, mainEp, ruleCases } from './harness.ts';

type C = Parameters<typeof mainEp>[0];
const s47 = (c: C) => mainEp(c).section47s![0]!;
const cpp = (c: C) => mainEp(c).childProtectionPlans![0]!;
/** The next Saturday on or after a date. */
const saturday = (d: string): string => addDays(d, (6 - dayOfWeek(d) + 7) % 7);

ruleCases('section 47 enquiries', [
  { rule: '2889', fails: 'S47 before the referral', fail: (c, Y) => void (s47(c).startDate = `${Y}-04-29`) },
  {
    rule: '8615',
    fails: 'S47 starts after its conference',
    fail: (c) => void (s47(c).startDate = addDays(s47(c).dateOfInitialCpc!, 1)),
    passes: 'S47 starts on the day of its conference',
    pass: (c) => void (s47(c).startDate = s47(c).dateOfInitialCpc ?? null),
  },
  {
    rule: '8740',
    fails: 'an S47 with no conference that started before the year',
    fail: (c, Y) => {
      mainEp(c).referralDate = `${Y - 1}-12-01`;
      mainEp(c).section47s!.push({ startDate: `${Y - 1}-12-02`, icpcNotRequired: false });
    },
  },
  {
    rule: '8868',
    fails: 'episode closed with the S47 not completed',
    fail: (c) => {
      const ep = c.children[1]!.cinEpisodes[0]!;
      ep.referralNfa = false;
      ep.primaryNeedCode = 'N1';
      ep.assessments = [{ startDate: ep.referralDate, authorisationDate: ep.referralDate, factors: ['3A'] }];
      ep.section47s = [{ startDate: ep.referralDate, icpcNotRequired: false }];
    },
    passes: 'closed with the S47 marked ICPC not required',
    pass: (c) => {
      const ep = c.children[1]!.cinEpisodes[0]!;
      ep.referralNfa = false;
      ep.primaryNeedCode = 'N1';
      ep.assessments = [{ startDate: ep.referralDate, authorisationDate: ep.referralDate, factors: ['3A'] }];
      ep.section47s = [{ startDate: ep.referralDate, icpcNotRequired: true }];
    },
    child: 'CHILD2',
  },
  {
    rule: '8675Q',
    fails: 'S47 open 16 working days before the reference date',
    fail: (c, Y) =>
      void mainEp(c).section47s!.push({
        startDate: addWorkingDays(`${Y + 1}-03-31`, -16),
        icpcNotRequired: false,
      }),
    passes: 'S47 started 15 working days before',
    pass: (c, Y) =>
      void mainEp(c).section47s!.push({
        startDate: addWorkingDays(`${Y + 1}-03-31`, -15),
        icpcNotRequired: false,
      }),
  },
  { rule: '2991Q', fails: 'an S47 with no assessment', fail: (c) => void (mainEp(c).assessments = []) },
  {
    rule: '8870Q',
    fails: 'ICPC target on a Saturday',
    fail: (c) => void (s47(c).icpcTarget = saturday(s47(c).startDate!)),
  },
  {
    rule: '8839',
    fails: 'two open S47s in one episode',
    fail: (c, Y) => {
      const d = addWorkingDays(`${Y + 1}-03-31`, -5);
      mainEp(c).section47s!.push(
        { startDate: d, icpcNotRequired: false },
        { startDate: addDays(d, 1), icpcNotRequired: false },
      );
    },
  },
  {
    rule: '8890',
    fails: 'an S47 starts while another is open',
    fail: (c) =>
      void mainEp(c).section47s!.push({
        startDate: addDays(s47(c).startDate!, 2),
        dateOfInitialCpc: s47(c).dateOfInitialCpc,
        icpcNotRequired: false,
      }),
    passes: 'an S47 starts on the day of the previous conference',
    pass: (c) =>
      void mainEp(c).section47s!.push({ startDate: s47(c).dateOfInitialCpc ?? null, icpcNotRequired: true }),
  },
]);

ruleCases('initial child protection conferences', [
  {
    rule: '1104',
    fails: 'the S47’s ICPC before the referral',
    fail: (c, Y) => void (s47(c).dateOfInitialCpc = `${Y}-04-29`),
    passes: 'a CIN-details ICPC before the referral (a Section 47 rule: only the S47’s date is read)',
    pass: (c, Y) => void (mainEp(c).dateOfInitialCpc = `${Y}-04-29`),
  },
  {
    rule: '1104',
    fails: 'the S47’s ICPC the day before the referral',
    fail: (c) => void (s47(c).dateOfInitialCpc = addDays(mainEp(c).referralDate!, -1)),
    passes: 'the S47’s ICPC on the referral day',
    pass: (c) => void (s47(c).dateOfInitialCpc = mainEp(c).referralDate ?? null),
  },
  {
    rule: '8715',
    fails: 'the S47’s ICPC after the reference date',
    fail: (c, Y) => void (s47(c).dateOfInitialCpc = addWorkingDays(`${Y + 1}-03-31`, 1)),
    passes: 'a CIN-details ICPC after the reference date (only the S47’s date is read)',
    pass: (c, Y) => void (mainEp(c).dateOfInitialCpc = addWorkingDays(`${Y + 1}-03-31`, 1)),
  },
  {
    rule: '8715',
    fails: 'the S47’s ICPC on 31 March before the census year',
    fail: (c, Y) => void (s47(c).dateOfInitialCpc = `${Y}-03-31`),
    passes: 'the S47’s ICPC on 1 April, the first day of the census year',
    pass: (c, Y) => void (s47(c).dateOfInitialCpc = `${Y}-04-01`),
  },
  {
    rule: '8875',
    fails: 'the S47’s ICPC on a Saturday',
    fail: (c) => {
      const sat = saturday(s47(c).startDate!);
      s47(c).dateOfInitialCpc = sat;
      cpp(c).startDate = sat;
    },
    passes: 'a CIN-details ICPC on a Saturday (only the S47’s date is read)',
    pass: (c) => void (mainEp(c).dateOfInitialCpc = saturday(s47(c).startDate!)),
  },
  {
    rule: '8875',
    fails: 'the S47’s ICPC on a Sunday',
    fail: (c) => void (s47(c).dateOfInitialCpc = addDays(saturday(s47(c).startDate!), 1)),
    passes: 'the S47’s ICPC on the Monday after',
    pass: (c) => void (s47(c).dateOfInitialCpc = addDays(saturday(s47(c).startDate!), 2)),
  },
  {
    rule: '2884',
    fails: 'the same ICPC on the CIN details and the S47',
    fail: (c) => void (mainEp(c).dateOfInitialCpc = s47(c).dateOfInitialCpc),
  },
  {
    rule: '2885',
    fails: 'CPP starts the day after the ICPC',
    fail: (c) => void (cpp(c).startDate = addDays(s47(c).dateOfInitialCpc!, 1)),
    passes: 'CPP starts on a CIN-details ICPC when there is no S47',
    pass: (c) => {
      mainEp(c).dateOfInitialCpc = s47(c).dateOfInitialCpc;
      mainEp(c).section47s = [];
    },
  },
  {
    rule: '2883',
    fails: 'a plan starting with no conference anywhere',
    fail: (c) => void (s47(c).dateOfInitialCpc = null),
    child: null,
  },
]);
