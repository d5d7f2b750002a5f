/** Birth, death, ethnicity and disability rules. */
import { child1, ruleCases } from './harness.ts';

ruleCases('birth and death', [
  {
    rule: '8520',
    fails: 'born the day after the reference date',
    fail: (c, Y) => void (child1(c).birthDate = `${Y + 1}-04-01`),
    passes: 'born on the reference date',
    pass: (c, Y) => void (c.children[1]!.birthDate = `${Y + 1}-03-31`),
  },
  {
    rule: '8525Q',
    fails: 'both dates of birth',
    fail: (c, Y) => void (child1(c).expectedBirthDate = `${Y + 1}-05-01`),
    passes: 'expected date of birth only',
    pass: (c, Y) => {
      child1(c).birthDate = null;
      child1(c).expectedBirthDate = `${Y + 1}-05-01`;
      child1(c).sex = 'U';
    },
  },
  {
    rule: '8530Q',
    fails: 'expected 10 months after the reference date',
    fail: (c, Y) => {
      child1(c).birthDate = null;
      child1(c).expectedBirthDate = `${Y + 2}-01-31`;
    },
    passes: 'expected 2 months after',
    pass: (c, Y) => {
      child1(c).birthDate = null;
      child1(c).expectedBirthDate = `${Y + 1}-05-31`;
    },
  },
  {
    rule: '8535Q',
    fails: 'died before being born',
    fail: (c, Y) => void (child1(c).deathDate = `${Y - 11}-01-01`),
  },
  {
    rule: '8535Q',
    fails: 'a date of death and no date of birth',
    fail: (c, Y) => {
      child1(c).birthDate = null;
      child1(c).deathDate = `${Y + 1}-03-01`;
    },
  },
  {
    rule: '8545Q',
    fails: 'died before the census year',
    fail: (c, Y) => void (child1(c).deathDate = `${Y}-03-01`),
    passes: 'died in the census year, after all activity',
    pass: (c, Y) => void (c.children[1]!.deathDate = `${Y}-12-01`),
  },
  {
    rule: '8555Q',
    fails: 'referred after death',
    fail: (c, Y) => void (child1(c).deathDate = `${Y}-04-20`),
  },
  {
    rule: '8585Q',
    fails: 'closure reason RC2 with no date of death',
    fail: (c) => void (c.children[0]!.cinEpisodes[0]!.closureReason = 'RC2'),
    passes: 'RC2 with a date of death',
    pass: (c, Y) => {
      c.children[1]!.cinEpisodes[0]!.closureReason = 'RC2';
      c.children[1]!.deathDate = `${Y}-07-20`;
    },
    child: 'CHILD1',
  },
  {
    rule: '8775Q',
    fails: 'born 26 years before the reference date',
    fail: (c, Y) => void (child1(c).birthDate = `${Y - 25}-01-01`),
    passes: 'over 25 now, but every episode closed before the 25th birthday',
    pass: (c, Y) => void (c.children[1]!.birthDate = `${Y - 25}-08-01`),
  },
  {
    rule: '8606',
    fails: 'referred 41 weeks before the expected birth',
    fail: (c, Y) => {
      child1(c).birthDate = null;
      child1(c).expectedBirthDate = `${Y + 1}-02-10`;
      child1(c).sex = 'U';
    },
    passes: 'referred 30 weeks before the expected birth',
    pass: (c, Y) => {
      c.children[1]!.birthDate = null;
      c.children[1]!.expectedBirthDate = `${Y + 1}-02-10`;
      c.children[1]!.sex = 'U';
    },
  },
]);

ruleCases('ethnicity and disability', [
  { rule: '4220', fails: 'ethnicity missing', fail: (c) => void (child1(c).ethnicity = null) },
  { rule: '8540', fails: 'disability code XYZ', fail: (c) => void (child1(c).disabilities = ['XYZ']) },
  {
    rule: '8540',
    fails: 'no disability recorded for a child with further action',
    fail: (c) => void (child1(c).disabilities = []),
    passes: 'none recorded for a child whose only referral was NFA',
    pass: (c) => void (c.children[1]!.disabilities = []),
  },
  {
    rule: '8790',
    fails: 'NONE with MOB',
    fail: (c) => void (child1(c).disabilities = ['NONE', 'MOB']),
    passes: 'MOB alone',
    pass: (c) => void (child1(c).disabilities = ['MOB']),
  },
  {
    rule: '8790',
    fails: 'none in lower case with MOB',
    fail: (c) => void (child1(c).disabilities = ['none', 'MOB']),
    passes: 'None and NONE (the same code in two letter cases, nothing else)',
    pass: (c) => void (child1(c).disabilities = ['None', 'NONE']),
  },
  { rule: '8794', fails: 'MOB twice', fail: (c) => void (child1(c).disabilities = ['MOB', 'MOB']) },
  {
    rule: '2887Q',
    fails: 'only 7 disability codes used',
    fail: (c) => void (c.children[4]!.disabilities = ['HEAR']),
    child: null,
  },
  {
    rule: '2888Q',
    fails: 'every disabled child has one code',
    fail: (c) => {
      for (const k of c.children.slice(1)) k.disabilities = k.disabilities!.slice(0, 1);
      child1(c).disabilities = ['AUT'];
    },
    child: null,
  },
]);
