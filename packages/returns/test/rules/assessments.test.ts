/** Assessment rules. */
import { addWorkingDays } from '../../src/calendar/bank-holidays.ts';
import { addDays, mainEp, ruleCases } from './harness.ts';

const a0 = (c: Parameters<typeof mainEp>[0]) => mainEp(c).assessments![0]!;

ruleCases('assessments', [
  {
    rule: '1103',
    fails: 'assessment starts the day before the referral',
    fail: (c, Y) => void (a0(c).startDate = `${Y}-04-30`),
    passes: 'assessment starts on the referral date',
    pass: (c, Y) => void (a0(c).startDate = `${Y}-05-01`),
  },
  {
    rule: '8608',
    fails: 'authorised before it started',
    fail: (c, Y) => void (a0(c).authorisationDate = `${Y}-05-01`),
  },
  {
    rule: '8614',
    fails: 'factors on an open assessment',
    fail: (c) => void (a0(c).authorisationDate = null),
    passes: 'an open assessment with no factors',
    pass: (c) => {
      a0(c).authorisationDate = null;
      a0(c).factors = null;
    },
  },
  {
    rule: '8696',
    fails: 'authorised after the reference date',
    fail: (c, Y) => void (a0(c).authorisationDate = `${Y + 1}-04-02`),
  },
  {
    rule: '8736',
    fails: 'an open assessment that started before the year',
    fail: (c, Y) => {
      mainEp(c).referralDate = `${Y - 1}-12-01`;
      a0(c).startDate = `${Y - 1}-12-02`;
      a0(c).authorisationDate = null;
      a0(c).factors = null;
    },
  },
  {
    rule: '8867',
    fails: 'episode closed with an open assessment',
    fail: (c) => {
      const ep = c.children[1]!.cinEpisodes[0]!;
      ep.referralNfa = false;
      ep.primaryNeedCode = 'N4';
      ep.closureReason = 'RC8';
      ep.assessments = [{ startDate: ep.referralDate, authorisationDate: null }];
    },
    child: 'CHILD2',
  },
  {
    rule: '8670Q',
    fails: 'open assessment started 46 working days before the reference date',
    fail: (c, Y) => {
      const s = addWorkingDays(`${Y + 1}-03-31`, -46);
      mainEp(c).assessments!.push({ startDate: s, authorisationDate: null });
    },
    passes: 'started 45 working days before',
    pass: (c, Y) => {
      const s = addWorkingDays(`${Y + 1}-03-31`, -45);
      mainEp(c).assessments!.push({ startDate: s, authorisationDate: null });
    },
  },
  { rule: '8869', fails: '21 with 3A', fail: (c) => void (a0(c).factors = ['21', '3A']) },
  {
    rule: '8897Q',
    fails: 'completed assessment without factors',
    fail: (c) => void (a0(c).factors = []),
  },
  { rule: '8898', fails: '3A twice', fail: (c) => void (a0(c).factors = ['3A', '3A']) },
  {
    rule: '8873Q',
    fails: 'only assessment found no factors, closed RC7',
    fail: (c) => {
      const ep = c.children[1]!.cinEpisodes[0]!;
      ep.referralNfa = false;
      ep.primaryNeedCode = 'N4';
      ep.assessments = [{ startDate: ep.referralDate, authorisationDate: ep.referralDate, factors: ['21'] }];
    },
    passes: 'the same closed RC8',
    pass: (c) => {
      const ep = c.children[1]!.cinEpisodes[0]!;
      ep.referralNfa = false;
      ep.primaryNeedCode = 'N4';
      ep.closureReason = 'RC8';
      ep.assessments = [{ startDate: ep.referralDate, authorisationDate: ep.referralDate, factors: ['21'] }];
    },
    child: 'CHILD2',
  },
  {
    rule: '8945Q',
    years: ['2024-25', '2025-26'],
    fails: 'factor 18A',
    fail: (c) => void (a0(c).factors = ['18A']),
    passes: 'factor 18B',
    pass: (c) => void (a0(c).factors = ['18B']),
  },
  {
    rule: '8950Q',
    years: ['2024-25', '2025-26'],
    fails: 'factor 19A',
    fail: (c) => void (a0(c).factors = ['19A']),
    passes: 'factor 19C',
    pass: (c) => void (a0(c).factors = ['19C']),
  },
  {
    rule: '8863Q',
    fails: 'a second assessment starts while the first is open',
    fail: (c, Y) =>
      void mainEp(c).assessments!.push({
        startDate: `${Y}-05-20`,
        authorisationDate: `${Y}-06-20`,
        factors: ['1A'],
      }),
    passes: 'a second assessment starts the day the first is authorised',
    pass: (c, Y) =>
      void mainEp(c).assessments!.push({
        startDate: `${Y}-06-02`,
        authorisationDate: `${Y}-06-20`,
        factors: ['1A'],
      }),
  },
  {
    rule: '8896',
    fails: 'two open assessments in one episode',
    fail: (c, Y) => {
      const d = addDays(`${Y + 1}-03-31`, -10);
      mainEp(c).assessments!.push(
        { startDate: d, authorisationDate: null },
        { startDate: addDays(d, 1), authorisationDate: null },
      );
    },
  },
]);
