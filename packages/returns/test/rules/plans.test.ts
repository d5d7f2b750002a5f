/** CIN plan and child protection plan rules. */
import { addDays, addMonths, child1, mainEp, ruleCases } from './harness.ts';

type C = Parameters<typeof mainEp>[0];
const plan = (c: C) => mainEp(c).cinPlans![0]!;
const cpp = (c: C) => mainEp(c).childProtectionPlans![0]!;

ruleCases('CIN plans', [
  {
    rule: '4004',
    fails: 'two open CIN plans',
    fail: (c) => void mainEp(c).cinPlans!.push({ startDate: addDays(plan(c).startDate!, 5), endDate: null }),
  },
  {
    rule: '4008',
    fails: 'plan starts after death',
    fail: (c) => void (child1(c).deathDate = addDays(plan(c).startDate!, -1)),
  },
  {
    rule: '4009Q',
    fails: 'an open CIN plan for a child who has died',
    fail: (c) => void (child1(c).deathDate = addDays(plan(c).startDate!, 10)),
  },
  {
    rule: '4009Q',
    fails: 'plan ends after death',
    fail: (c) => {
      plan(c).endDate = addDays(plan(c).startDate!, 20);
      child1(c).deathDate = addDays(plan(c).startDate!, 10);
    },
  },
  { rule: '4010', fails: 'plan start missing', fail: (c) => void (plan(c).startDate = null) },
  {
    rule: '4011',
    fails: 'plan ends before it starts',
    fail: (c) => void (plan(c).endDate = addDays(plan(c).startDate!, -1)),
  },
  {
    rule: '4012Q',
    fails: 'plan starts and ends the same day',
    fail: (c) => void (plan(c).endDate = plan(c).startDate),
  },
  {
    rule: '4013',
    fails: 'plan ends after the reference date',
    fail: (c, Y) => void (plan(c).endDate = `${Y + 1}-04-10`),
  },
  {
    rule: '4014',
    fails: 'two overlapping plans',
    fail: (c) => {
      plan(c).endDate = addDays(plan(c).startDate!, 40);
      mainEp(c).cinPlans!.push({
        startDate: addDays(plan(c).startDate!, 20),
        endDate: addDays(plan(c).startDate!, 60),
      });
    },
    passes: 'the second starts the day the first ends',
    pass: (c) => {
      plan(c).endDate = addDays(plan(c).startDate!, 40);
      mainEp(c).cinPlans!.push({
        startDate: addDays(plan(c).startDate!, 40),
        endDate: addDays(plan(c).startDate!, 60),
      });
    },
  },
  {
    rule: '4015',
    fails: 'a plan before the referral',
    fail: (c, Y) => void mainEp(c).cinPlans!.unshift({ startDate: `${Y}-04-20`, endDate: `${Y}-04-25` }),
  },
  {
    rule: '4001',
    fails: 'open CIN plan and open CPP in one episode',
    fail: (c) => void (cpp(c).endDate = null),
  },
  {
    rule: '4003',
    fails: 'a CPP review while a CIN plan is open',
    fail: (c) =>
      void mainEp(c).cinPlans!.unshift({
        startDate: addDays(cpp(c).reviews![0]!, -2),
        endDate: addDays(cpp(c).reviews![0]!, 2),
      }),
  },
  {
    rule: '4016',
    fails: 'a CIN plan starts during the CPP',
    fail: (c) => void (plan(c).startDate = addDays(cpp(c).endDate!, -1)),
    passes: 'the CIN plan starts the day the CPP ends',
  },
  {
    rule: '4017',
    fails: 'a CPP starts during a CIN plan',
    fail: (c) =>
      void mainEp(c).cinPlans!.unshift({
        startDate: addDays(cpp(c).startDate!, -3),
        endDate: addDays(cpp(c).startDate!, 3),
      }),
    passes: 'a CIN plan ending the day the CPP starts',
    pass: (c) =>
      void mainEp(c).cinPlans!.unshift({
        startDate: addDays(cpp(c).startDate!, -3),
        endDate: cpp(c).startDate,
      }),
  },
]);

ruleCases('child protection plans', [
  { rule: '1105', fails: 'CPP before the referral', fail: (c, Y) => void (cpp(c).startDate = `${Y}-04-28`) },
  { rule: '8720', fails: 'CPP start missing', fail: (c) => void (cpp(c).startDate = null) },
  {
    rule: '8730',
    fails: 'number of previous plans missing',
    fail: (c) => void (cpp(c).numberOfPreviousCpps = null),
  },
  {
    rule: '8840',
    fails: 'CPP starts and ends the same day',
    fail: (c) => void (cpp(c).endDate = cpp(c).startDate),
  },
  {
    rule: '8841',
    fails: 'review on the start day',
    fail: (c) => void (cpp(c).reviews = [cpp(c).startDate!]),
    passes: 'review the day after the start',
    pass: (c) => void (cpp(c).reviews = [addDays(cpp(c).startDate!, 1)]),
  },
  { rule: '8842Q', fails: 'a review with no date', fail: (c) => void cpp(c).reviews!.push(null) },
  { rule: '8905', fails: 'initial category XX', fail: (c) => void (cpp(c).initialCategory = 'XX') },
  { rule: '8910', fails: 'latest category missing', fail: (c) => void (cpp(c).latestCategory = null) },
  {
    rule: '8915',
    fails: 'CPP starts after death',
    fail: (c) => void (child1(c).deathDate = addDays(cpp(c).startDate!, -1)),
  },
  {
    rule: '8920',
    fails: 'CPP ends after death',
    fail: (c) => void (child1(c).deathDate = addDays(cpp(c).endDate!, -1)),
  },
  {
    rule: '8925',
    fails: 'CPP ends before it starts',
    fail: (c) => void (cpp(c).endDate = addDays(cpp(c).startDate!, -1)),
  },
  {
    rule: '8930',
    fails: 'CPP ends after the reference date',
    fail: (c, Y) => void (cpp(c).endDate = `${Y + 1}-04-15`),
  },
  {
    rule: '8935',
    fails: 'two open CPPs',
    fail: (c) => {
      cpp(c).endDate = null;
      mainEp(c).childProtectionPlans!.push({
        ...cpp(c),
        startDate: addMonths(cpp(c).startDate!, 1),
        reviews: [],
      });
    },
  },
  {
    rule: '8940',
    fails: 'overlapping CPPs',
    fail: (c) =>
      void mainEp(c).childProtectionPlans!.push({
        ...cpp(c),
        startDate: addDays(cpp(c).startDate!, 10),
        endDate: addDays(cpp(c).startDate!, 20),
        reviews: [],
      }),
  },
]);
