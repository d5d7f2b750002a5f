import { describe, expect, it } from 'vitest';
import { detect } from '../src/detect.ts';
import { render } from '../src/render.ts';
import { residualRisk } from '../src/risk.ts';
import { CAST } from './helpers.ts';

describe('residual-risk report', () => {
  it('lists capitalised words, numbers and codes left outside replacements, but not allowed words or pseudonyms', () => {
    const out =
      'Child A went to Ofsted with the Social Worker. Beacon Lodge had 14 rooms, flat 3B. The review met on Monday.';
    const r = residualRisk(out, [[0, 7]]);
    const tokens = r.items.map((i) => i.token);
    expect(tokens).toEqual(expect.arrayContaining(['Beacon', 'Lodge', '14', '3B']));
    expect(tokens).not.toContain('Child');
    expect(tokens).not.toContain('Ofsted');
    expect(tokens).not.toContain('Monday');
    expect(r.items.find((i) => i.token === '3B')?.kind).toBe('proper-noun-like');
    expect(r.summary.number).toBe(1);
  });
  it('is empty for a fully redacted sentence and flags what a detector missed', () => {
    const text = 'Jayden and Kerry Smith met at Zorbly Fields.';
    const { spans } = detect(text, { cast: CAST, policy: { detectUncast: false } });
    const { text: out, replaced } = render(text, spans);
    expect(
      residualRisk(out, replaced)
        .items.map((i) => i.token)
        .sort(),
    ).toEqual(['Fields', 'Zorbly']);
  });
});
