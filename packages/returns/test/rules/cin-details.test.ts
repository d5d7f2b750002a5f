/** CIN details, episodes and no-further-action rules. */
import { addDays, mainEp, nfaEp, ruleCases, workingDayFrom } from './harness.ts';

ruleCases('CIN details', [
  { rule: '8568', fails: 'ReferralNFA "yes"', fail: (c) => void (mainEp(c).referralNfa = 'yes') },
  {
    rule: '8590',
    fails: 'a child with no CIN details',
    fail: (c) => void (c.children[1]!.cinEpisodes = []),
    child: 'CHILD2',
  },
  {
    rule: '8600',
    fails: 'referral after the reference date',
    fail: (c, Y) => void (nfaEp(c).referralDate = `${Y + 1}-04-02`),
    passes: 'referral on the reference date',
    pass: (c, Y) => {
      c.children[1]!.cinEpisodes[0]!.referralDate = `${Y + 1}-03-31`;
      c.children[1]!.cinEpisodes[0]!.closureDate = `${Y + 1}-03-31`;
    },
  },
  {
    rule: '8610',
    fails: 'no primary need on a referral with further action',
    fail: (c) => void (mainEp(c).primaryNeedCode = null),
    passes: 'no primary need on an NFA referral',
    pass: (c) => void (nfaEp(c).primaryNeedCode = null),
  },
  {
    rule: '8620',
    fails: 'closed after the reference date',
    fail: (c, Y) => {
      mainEp(c).closureDate = `${Y + 1}-04-05`;
      mainEp(c).closureReason = 'RC7';
    },
    passes: 'a closure date that does not exist (a schema error, not this rule)',
    pass: (c, Y) => {
      mainEp(c).closureDate = `${Y}-04-31`;
      mainEp(c).closureReason = 'RC7';
    },
  },
  {
    rule: '8630',
    fails: 'closed before referral',
    fail: (c, Y) => void (nfaEp(c).closureDate = `${Y}-04-09`),
  },
  { rule: '8640', fails: 'reason RC10', fail: (c) => void (nfaEp(c).closureReason = 'RC10') },
  { rule: '8650', fails: 'primary need N10', fail: (c) => void (mainEp(c).primaryNeedCode = 'N10') },
  { rule: '8805', fails: 'closure date, no reason', fail: (c) => void (nfaEp(c).closureReason = null) },
  {
    rule: '8810',
    fails: 'reason, no closure date',
    fail: (c) => void (mainEp(c).closureReason = 'RC7'),
  },
  { rule: '8866', fails: 'referral source 11', fail: (c) => void (mainEp(c).referralSource = '11') },
  {
    rule: '8569Q',
    fails: 'NFA referral two weeks before the year began',
    fail: (c, Y) => {
      nfaEp(c).referralDate = `${Y}-03-17`;
      nfaEp(c).closureDate = `${Y}-04-01`;
    },
    passes: 'a referral before the year that went on to further action',
    pass: (c, Y) => {
      nfaEp(c).referralDate = `${Y}-03-17`;
      nfaEp(c).closureDate = `${Y}-04-01`;
      nfaEp(c).referralNfa = false;
    },
  },
]);

ruleCases('CIN episodes', [
  {
    rule: '8815',
    fails: 'two open episodes with further action',
    fail: (c) => {
      nfaEp(c).referralNfa = false;
      nfaEp(c).closureDate = null;
      nfaEp(c).closureReason = null;
    },
  },
  {
    rule: '8816',
    fails: 'the earlier episode is the open one',
    fail: (c, Y) => {
      nfaEp(c).referralDate = `${Y}-05-03`;
      nfaEp(c).closureDate = `${Y}-05-03`;
      mainEp(c).referralDate = `${Y}-04-10`;
    },
  },
  {
    rule: '8820',
    fails: 'the NFA episode lies inside the open episode',
    fail: (c, Y) => {
      nfaEp(c).referralDate = `${Y}-06-10`;
      nfaEp(c).closureDate = `${Y}-06-11`;
    },
    passes: 'a new episode starting the day the last closed',
    pass: (c, Y) => {
      nfaEp(c).closureDate = `${Y}-05-01`;
    },
  },
  {
    rule: '8820',
    fails: 'an earlier open episode with further action',
    fail: (c) => {
      nfaEp(c).closureDate = null;
      nfaEp(c).closureReason = null;
      nfaEp(c).referralNfa = false;
      nfaEp(c).primaryNeedCode = 'N4';
    },
    passes: 'an earlier open referral with no further action spans no time',
    pass: (c) => {
      nfaEp(c).closureDate = null;
      nfaEp(c).closureReason = null;
    },
  },
  {
    rule: '8565',
    fails: 'episode closed before its CIN plan started',
    fail: (c, Y) => {
      mainEp(c).closureDate = `${Y}-11-01`;
      mainEp(c).closureReason = 'RC7';
    },
    passes: 'episode closed on the day its last plan ended',
    pass: (c) => {
      const p = mainEp(c).cinPlans![0]!;
      p.endDate = addDays(p.startDate!, 30);
      mainEp(c).closureDate = p.endDate;
      mainEp(c).closureReason = 'RC7';
    },
  },
]);

ruleCases('no further action and closure after assessment', [
  {
    rule: '4000',
    fails: 'a CIN plan on an NFA referral',
    fail: (c) =>
      void (nfaEp(c).cinPlans = [{ startDate: nfaEp(c).referralDate, endDate: nfaEp(c).referralDate }]),
  },
  {
    rule: '8831',
    fails: 'an assessment on an NFA referral',
    fail: (c) =>
      void (nfaEp(c).assessments = [
        { startDate: nfaEp(c).referralDate, authorisationDate: nfaEp(c).referralDate, factors: ['21'] },
      ]),
  },
  {
    rule: '8832',
    fails: 'a child protection plan on an NFA referral',
    fail: (c) => {
      const d = workingDayFrom(nfaEp(c).referralDate!);
      nfaEp(c).childProtectionPlans = [
        { startDate: d, endDate: d, initialCategory: 'NEG', latestCategory: 'NEG', numberOfPreviousCpps: 1 },
      ];
    },
  },
  {
    rule: '8831',
    fails: 'an ICPC on the CIN details of an NFA referral',
    fail: (c) => void (nfaEp(c).dateOfInitialCpc = workingDayFrom(nfaEp(c).referralDate!)),
    passes: 'a CIN plan on an NFA referral is rule 4000, not 8831',
    pass: (c) =>
      void (nfaEp(c).cinPlans = [{ startDate: nfaEp(c).referralDate, endDate: nfaEp(c).referralDate }]),
  },
  {
    rule: '2990',
    fails: 'RC8 on an episode with a section 47',
    fail: (c) => {
      const ep = mainEp(c);
      ep.closureDate = ep.cinPlans![0]!.startDate;
      ep.cinPlans = [];
      ep.closureReason = 'RC8';
    },
    passes: 'RC8 on an episode with only an assessment',
    pass: (c) => {
      const k = c.children[1]!.cinEpisodes[0]!;
      k.referralNfa = false;
      k.primaryNeedCode = 'N4';
      k.assessments = [{ startDate: k.referralDate, authorisationDate: k.referralDate, factors: ['21'] }];
      k.closureReason = 'RC8';
    },
  },
  {
    rule: '8825Q',
    fails: 'RC9 with no assessment',
    fail: (c) => void (nfaEp(c).closureReason = 'RC9'),
  },
]);
