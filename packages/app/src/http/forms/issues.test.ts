import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { optionalText, text } from '../../journey/fields.ts';
import { pageErrors, type Field } from './form.ts';
import { safeParseInput } from './issues.ts';

const errorsOf = (schema: z.ZodType, input: unknown) => {
  const r = safeParseInput(schema, input);
  return r.ok ? [] : r.errors;
};

describe('the one issues-to-field-errors mapping', () => {
  it('never shows zod’s developer text', () => {
    const schema = z.object({
      title: z.string().max(200),
      raisedBy: optionalText(500),
      count: z.number().max(3),
    });
    const errors = errorsOf(schema, { title: 'x'.repeat(201), raisedBy: 'y'.repeat(501), count: 9 });
    expect(errors).toEqual([
      { field: 'title', message: 'Title must be 200 characters or fewer' },
      { field: 'raisedBy', message: 'Raised by must be 500 characters or fewer' },
      { field: 'count', message: 'Count must be 3 or less' },
    ]);
    expect(JSON.stringify(errors)).not.toMatch(/Too big|expected|Invalid/);
  });

  it('keeps a schema’s own words, one message per field', () => {
    const schema = z.object({ title: text('a title', 200) });
    expect(errorsOf(schema, { title: '' })).toEqual([{ field: 'title', message: 'Enter a title' }]);
    expect(errorsOf(schema, { title: 'x'.repeat(201) })).toEqual([
      { field: 'title', message: 'A title must be 200 characters or fewer' },
    ]);
  });

  it('points errors at the page’s inputs, once each', () => {
    const fields: Field[] = [
      { kind: 'date', name: 'addedOn', label: 'Date' },
      { kind: 'scores', name: 'scores', label: 'Scores', goals: [{ id: 'g1', goal: 'Goal', plan: 'Plan' }] },
    ];
    expect(
      pageErrors(
        fields,
        [
          { field: 'filename', message: 'Select a file' },
          { field: 'data', message: 'Select a file' },
          { field: 'addedOn', message: 'Enter the date' },
          { field: 'scores.g1', message: 'Enter a score from 0 to 10' },
        ],
        { filename: 'file', data: 'file' },
      ),
    ).toEqual([
      { field: 'file', message: 'Select a file' },
      { field: 'addedOn-day', message: 'Enter the date' },
      { field: 'scores-g1', message: 'Enter a score from 0 to 10' },
    ]);
  });
});
