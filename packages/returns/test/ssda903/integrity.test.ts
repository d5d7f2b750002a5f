/** Integrity checks between tables. */
import type { Ssda903Table } from '../../src/ssda903/tables.ts';
import { row, ruleCases, type RuleCase } from './harness.ts';

const tables: [string, string, Ssda903Table][] = [
  ['INT01', 'INT11', 'AD1'],
  ['INT02', 'INT12', 'PlacedAdoption'],
  ['INT04', 'INT13', 'Missing'],
  ['INT05', 'INT14', 'OC2'],
  ['INT06', 'INT15', 'OC3'],
  ['INT07', 'INT16', 'PrevPerm'],
  ['INT08', 'INT17', 'Reviews'],
  ['INT09', 'INT18', 'UASC'],
];
const cases: RuleCase[] = [];
for (const [inHeader, dob, t] of tables) {
  cases.push({
    rule: inHeader,
    fails: `a ${t} row for a child not in the Header`,
    fail: (f) => void f.t[t].push(row(t, { CHILD: 'C2' })),
  });
  cases.push({
    rule: dob,
    fails: `the ${t} date of birth differs from the Header's`,
    fail: (f) => void f.t[t].push(row(t, { DOB: '07/05/2012' })),
  });
}
const once: [string, Ssda903Table][] = [
  ['INT31', 'AD1'],
  ['INT32', 'Header'],
  ['INT33', 'OC2'],
  ['INT34', 'OC3'],
  ['INT35', 'PrevPerm'],
  ['INT36', 'UASC'],
];
for (const [code, t] of once)
  cases.push({
    rule: code,
    fails: `two ${t} rows for the child`,
    fail: (f) => {
      f.t[t].push(row(t));
      f.t[t].push(row(t));
    },
  });

ruleCases('integrity', [
  ...cases,
  { rule: 'INT03', fails: 'episodes for a child not in the Header', fail: (f) => void (f.t.Header = []) },
  { rule: 'INT21', fails: 'UASC sex differs', fail: (f) => void f.t.UASC.push(row('UASC', { SEX: 'M' })) },
  {
    rule: 'EPI',
    fails: 'a Header row with no episodes and no OC3',
    fail: (f) => void (f.t.Episodes = []),
    passes: 'a care leaver with OC3 and no episodes',
    pass: (f) => {
      f.t.Episodes = [];
      f.t.OC3.push(row('OC3', { IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'D1' }));
    },
  },
]);
