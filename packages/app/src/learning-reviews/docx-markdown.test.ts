import { describe, expect, it } from 'vitest';
import { htmlToMarkdown } from './docx-markdown.ts';

describe('htmlToMarkdown (mammoth’s HTML of a report)', () => {
  it('writes headings, paragraphs, bold and italics, and decodes entities', () => {
    expect(
      htmlToMarkdown(
        '<h1>Child A, 2025</h1><p>Seen by <strong>two</strong> agencies &amp; <em>not</em> shared.</p><h2>Findings</h2><p>One&#8217;s view &lt;here&gt;</p>',
      ),
    ).toBe(
      '# Child A, 2025\n\nSeen by **two** agencies & *not* shared.\n\n## Findings\n\nOne’s view <here>\n',
    );
  });

  it('writes bullet and numbered lists, nested by two spaces', () => {
    expect(
      htmlToMarkdown(
        '<ol><li>First<ul><li>a point</li><li>another</li></ul></li><li>Second</li></ol><p>After</p>',
      ),
    ).toBe('1. First\n\n  - a point\n\n  - another\n\n2. Second\n\nAfter\n');
  });

  it('writes table rows as lines, drops empty emphasis and collapses spaces', () => {
    expect(
      htmlToMarkdown(
        '<table><tr><td><p>Date</p></td><td><p>What</p></td></tr><tr><td><p>4/3/2025</p></td><td><p>Visit   seen</p></td></tr></table><p><strong> </strong>Text<br />more</p>',
      ),
    ).toBe('Date | What\n\n4/3/2025 | Visit seen\n\nText more\n');
  });
});
