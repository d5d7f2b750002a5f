/**
 * The CP-IS answer as FHIR R4, in the shape NHS systems consume: a searchset `Bundle` of `Flag`
 * resources (one per flag: child protection plan, looked after, unborn child protection plan),
 * each naming the child by NHS number only, its period, and the responsible council (a contained
 * Organization with its office-hours and emergency duty numbers); recent accesses as extensions.
 * A bad request is an `OperationOutcome`.
 */
import type { Bundle, Flag, OperationOutcome } from 'fhir/r4.js';
import type { CheckAnswer, FlagAnswer } from './check.ts';
import { flagKindLabels, type FlagKind } from './scope.ts';

export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
const BASE = 'https://waypoint.example/fhir';
const codes: Record<FlagKind, string> = { cpp: 'CPP', lac: 'LAC', 'unborn-cpp': 'UCPP' };

function flagResource(nhsNumber: string, f: FlagAnswer, index: number): Flag {
  return {
    resourceType: 'Flag',
    id: `cpis-${f.la.code}-${codes[f.kind].toLowerCase()}-${index + 1}`,
    contained: [
      {
        resourceType: 'Organization',
        id: 'la',
        identifier: [{ system: `${BASE}/Id/la-code`, value: f.la.code }],
        name: `${f.la.name} ${f.la.serviceName}`,
        telecom: [
          { system: 'phone', value: f.la.officePhone, use: 'work', rank: 1 },
          { system: 'phone', value: f.la.emergencyDutyPhone, use: 'work', rank: 2 },
        ],
      },
    ],
    extension: [
      ...(f.expectedDateOfBirth === null
        ? []
        : [
            {
              url: `${BASE}/StructureDefinition/cpis-expected-date-of-birth`,
              valueDate: f.expectedDateOfBirth,
            },
          ]),
      { url: `${BASE}/StructureDefinition/cpis-call-now`, valueString: f.la.callNow.phone },
      ...(f.accesses ?? []).map((a) => ({
        url: `${BASE}/StructureDefinition/cpis-recent-access`,
        extension: [
          { url: 'setting', valueString: a.setting },
          { url: 'seen', valueDateTime: a.seenAt.toISOString() },
        ],
      })),
    ],
    status: f.until === null ? 'active' : 'inactive',
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/flag-category',
            code: 'safety',
            display: 'Safety',
          },
        ],
      },
    ],
    code: {
      coding: [
        { system: `${BASE}/CodeSystem/cpis-flag-type`, code: codes[f.kind], display: flagKindLabels[f.kind] },
      ],
      text: flagKindLabels[f.kind],
    },
    subject: { identifier: { system: NHS_NUMBER_SYSTEM, value: nhsNumber } },
    period: { start: f.since, ...(f.until === null ? {} : { end: f.until }) },
    author: { reference: '#la', display: `${f.la.name} ${f.la.serviceName}` },
  };
}

/** An OperationOutcome with one issue. */
export function operationOutcome(
  severity: 'error' | 'information',
  code: 'invalid' | 'not-found' | 'forbidden' | 'login' | 'informational',
  text: string,
): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity, code, diagnostics: text, details: { text } }],
  };
}

/** The answer as a searchset Bundle (nothing held: an empty Bundle with an informational outcome). */
export function answerBundle(answer: CheckAnswer): Bundle {
  const nhs = answer.nhsNumber.replace(/\s/g, '');
  if (answer.outcome !== 'flags') {
    const text =
      answer.outcome === 'mismatch'
        ? 'No information held for this NHS number and date of birth'
        : 'No child protection or looked-after information held';
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      total: 0,
      entry: [
        { resource: operationOutcome('information', 'informational', text), search: { mode: 'outcome' } },
      ],
    };
  }
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: answer.flags.length,
    entry: answer.flags.map((f, i) => ({ resource: flagResource(nhs, f, i), search: { mode: 'match' } })),
  };
}
