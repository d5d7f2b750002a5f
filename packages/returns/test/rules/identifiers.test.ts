/** Header, LA child ID, UPN and sex/gender rules. */
import { ruleCases, child1 } from './harness.ts';

ruleCases('header', [
  {
    rule: '100',
    fails: 'reference date is not 31 March of the Year',
    fail: (c, Y) => void (c.header.referenceDate = `${Y + 1}-03-30`),
    passes: 'reference date 31 March of the Year',
    pass: (c, Y) => void (c.header.referenceDate = `${Y + 1}-03-31`),
    child: null,
  },
  {
    rule: '100',
    fails: 'reference date 31 March at 09:00',
    fail: (c, Y) => void (c.header.referenceDate = `${Y + 1}-03-31T09:00:00`),
    passes: 'reference date 31 March at midnight',
    pass: (c, Y) => void (c.header.referenceDate = `${Y + 1}-03-31T00:00:00`),
    child: null,
  },
  {
    rule: '100',
    fails: 'reference date 31/04 (no such day)',
    fail: (c, Y) => void (c.header.referenceDate = `31/04/${Y + 1}`),
    passes: 'reference date written 31/03/YYYY',
    pass: (c, Y) => void (c.header.referenceDate = `31/03/${Y + 1}`),
    child: null,
  },
]);

ruleCases('LA child ID', [
  { rule: '8500', fails: 'LAchildID empty', fail: (c) => void (child1(c).laChildId = ''), child: null },
  {
    rule: '8510',
    fails: 'two children share an ID',
    fail: (c) => void (c.children[1]!.laChildId = 'CHILD1'),
  },
  {
    rule: '1570',
    years: ['2024-25', '2025-26'],
    fails: '21 characters',
    fail: (c) => void (c.children[0]!.laChildId = 'A'.repeat(21)),
    passes: '20 characters',
    pass: (c) => void (c.children[0]!.laChildId = 'A'.repeat(20)),
    child: 'A'.repeat(21),
  },
  {
    rule: '1580',
    years: ['2024-25', '2025-26'],
    fails: 'a hyphen in the ID',
    fail: (c) => void (c.children[0]!.laChildId = 'CHILD-1'),
    child: 'CHILD-1',
  },
]);

ruleCases('UPN', [
  {
    rule: '1510',
    fails: 'wrong check letter',
    fail: (c) => {
      const u = child1(c).upn!;
      child1(c).upn = (u[0] === 'A' ? 'B' : 'A') + u.slice(1);
    },
  },
  { rule: '1520', fails: 'two children share a UPN', fail: (c) => void (c.children[1]!.upn = child1(c).upn) },
  {
    rule: '1530',
    fails: 'characters 2-4 are 999',
    fail: (c) => void (child1(c).upn = 'A999000000011'),
    passes: 'characters 2-4 are 420 (a pseudo-LA code)',
    pass: (c) => void (child1(c).upn = 'A420000000011'),
  },
  {
    rule: '1540',
    fails: 'a letter among characters 5-12',
    fail: (c) => void (child1(c).upn = 'A2010000X0011'),
  },
  {
    rule: '1550',
    fails: 'character 13 is I',
    fail: (c) => void (child1(c).upn = 'A20100000001I'),
    passes: 'character 13 is a temporary-UPN letter',
    pass: (c) => void (child1(c).upn = 'X20100000001A'),
  },
  {
    rule: '1560Q',
    fails: 'former UPN of 12 characters',
    fail: (c) => void (child1(c).formerUpn = 'A20100000001'),
    passes: 'a well-formed former UPN',
    pass: (c) => void (child1(c).formerUpn = c.children[4]!.upn),
  },
  {
    rule: '1560Q',
    fails: 'a former UPN with the wrong check letter',
    fail: (c) => {
      const u = c.children[4]!.upn!;
      child1(c).formerUpn = (u[0] === 'A' ? 'B' : 'A') + u.slice(1);
    },
  },
  {
    rule: '8770Q',
    years: ['2023-24'],
    fails: 'a child over 5 with no UPN and no reason',
    fail: (c) => void (child1(c).upn = null),
    passes: 'no UPN but a reason',
    pass: (c) => {
      child1(c).upn = null;
      child1(c).upnUnknown = 'UN3';
    },
  },
  {
    rule: '8770Q',
    years: ['2023-24'],
    fails: 'a child over 5 with reason UN1 (not of school age)',
    fail: (c) => {
      child1(c).upn = null;
      child1(c).upnUnknown = 'UN1';
    },
    passes: 'a child whose sixth birthday is after the reference date',
    pass: (c, Y) => {
      child1(c).upn = null;
      child1(c).birthDate = `${Y - 5}-04-02`;
    },
  },
  {
    rule: '8770Q',
    years: ['2024-25', '2025-26'],
    fails: 'a school-age child with no UPN and reason UN1',
    fail: (c) => {
      child1(c).upn = null;
      child1(c).upnUnknown = 'UN1';
    },
    passes: 'no UPN, reason UN2',
    pass: (c) => {
      child1(c).upn = null;
      child1(c).upnUnknown = 'UN2';
    },
  },
  {
    rule: '8772',
    fails: 'UN7 for a child with a referral going on to further action',
    fail: (c) => {
      child1(c).upn = null;
      child1(c).upnUnknown = 'UN7';
    },
    passes: 'UN7 for a child whose only referral was NFA',
    pass: (c) => {
      c.children[1]!.upn = null;
      c.children[1]!.upnUnknown = 'UN7';
    },
  },
]);

ruleCases('sex and gender', [
  {
    rule: '4180',
    years: ['2023-24'],
    fails: 'GenderCurrent 3',
    fail: (c) => void (child1(c).genderCurrent = '3'),
    passes: 'GenderCurrent 9',
    pass: (c) => void (child1(c).genderCurrent = '9'),
  },
  {
    rule: '4180',
    years: ['2024-25', '2025-26'],
    fails: 'Sex missing',
    fail: (c) => void (child1(c).sex = null),
    passes: 'Sex U',
    pass: (c) => void (child1(c).sex = 'U'),
  },
  {
    rule: '8750',
    years: ['2023-24'],
    fails: 'unborn child with GenderCurrent 2',
    fail: (c, Y) => {
      child1(c).birthDate = null;
      child1(c).expectedBirthDate = `${Y + 1}-05-01`;
    },
    passes: 'unborn child with GenderCurrent 0',
    pass: (c, Y) => {
      child1(c).birthDate = null;
      child1(c).expectedBirthDate = `${Y + 1}-05-01`;
      child1(c).genderCurrent = '0';
    },
  },
  {
    rule: '8750',
    years: ['2024-25', '2025-26'],
    fails: 'unborn child with Sex F',
    fail: (c, Y) => {
      child1(c).birthDate = null;
      child1(c).expectedBirthDate = `${Y + 1}-05-01`;
    },
    passes: 'unborn child with Sex U',
    pass: (c, Y) => {
      child1(c).birthDate = null;
      child1(c).expectedBirthDate = `${Y + 1}-05-01`;
      child1(c).sex = 'U';
    },
  },
  {
    rule: '2886Q',
    years: ['2023-24'],
    fails: '1 of 5 children (20%) with GenderCurrent 0',
    fail: (c) => void (child1(c).genderCurrent = '0'),
    passes: 'GenderCurrent 0 only for an unborn child',
    pass: (c, Y) => {
      child1(c).genderCurrent = '0';
      child1(c).birthDate = null;
      child1(c).expectedBirthDate = `${Y + 1}-05-01`;
    },
    child: null,
  },
  {
    rule: '2886Q',
    years: ['2024-25', '2025-26'],
    fails: '1 of 5 children (20%) with Sex U',
    fail: (c) => void (child1(c).sex = 'U'),
    passes: 'Sex U only for an unborn child',
    pass: (c, Y) => {
      child1(c).sex = 'U';
      child1(c).birthDate = null;
      child1(c).expectedBirthDate = `${Y + 1}-05-01`;
    },
    child: null,
  },
]);
