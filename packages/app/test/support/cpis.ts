/**
 * CP-IS test helpers: a child put on a child protection plan or into care through the journey API
 * (so the derivation runs exactly as after a worker's step), and the jobs run.
 */
import { expect } from 'vitest';
import type { TestApp } from './test-app.ts';

/** Posts a journey step with `auth`; fails the test unless it is recorded. */
export async function stepOk(
  t: TestApp,
  auth: string,
  child: string,
  kind: string,
  payload: Record<string, unknown>,
) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/children/${child}/journey/${kind}`,
    headers: { authorization: auth },
    payload,
  });
  expect(res.statusCode, `${kind}: ${res.body}`).toBe(201);
}

/** Contact, referral, assessment, strategy and s47 to an initial conference deciding a plan on `planOn`. */
export async function onPlan(t: TestApp, auth: string, child: string, planOn = '2026-02-10') {
  await stepOk(t, auth, child, 'contact', {
    receivedOn: '2026-01-05',
    source: '2A',
    worries: 'Bruises seen.',
  });
  await stepOk(t, auth, child, 'contact-decision', {
    decidedOn: '2026-01-06',
    decision: 'referral',
    primaryNeed: 'N1',
    reason: 'Needs an assessment.',
  });
  await stepOk(t, auth, child, 'assessment', {
    startedOn: '2026-01-07',
    completedOn: '2026-01-20',
    childDevelopment: 'Doing well.',
    parentingCapacity: 'Struggling.',
    familyEnvironment: 'Overcrowded.',
    factors: ['3B'],
    analysis: 'Worried about significant harm.',
    outcome: 'strategy',
  });
  await stepOk(t, auth, child, 'strategy', {
    heldOn: '2026-01-21',
    attendees: 'Police, school, health',
    decision: 's47',
    reason: 'Threshold met.',
  });
  await stepOk(t, auth, child, 's47', { startedOn: '2026-01-21' });
  await stepOk(t, auth, child, 's47-complete', {
    completedOn: '2026-01-30',
    outcome: 'conference',
    reason: 'Concerns substantiated.',
  });
  await stepOk(t, auth, child, 'initial-conference', {
    heldOn: planOn,
    decision: 'plan',
    category: 'NEG',
    reason: 'Neglect.',
  });
}

/** Contact and referral, then looked after from `startedOn` under `legalStatus`. */
export async function inCare(
  t: TestApp,
  auth: string,
  child: string,
  legalStatus: string,
  startedOn = '2026-02-01',
) {
  await stepOk(t, auth, child, 'contact', { receivedOn: '2026-01-05', source: '2A', worries: 'Left alone.' });
  await stepOk(t, auth, child, 'contact-decision', {
    decidedOn: '2026-01-06',
    decision: 'referral',
    primaryNeed: 'N1',
    reason: 'Needs an assessment.',
  });
  await stepOk(t, auth, child, 'care-start', {
    startedOn,
    categoryOfNeed: 'N1',
    legalStatus,
    placementType: 'U6',
  });
}
