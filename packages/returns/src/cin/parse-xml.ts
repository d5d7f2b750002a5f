/** Reads CIN census XML (from this or any other system) into the model, streaming with saxes. */
import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';
import type { Child } from '../model/types.ts';
import type { CensusHeader, CinCensus } from './census.ts';
import { type Node, list, node, readChild, text } from './read-model.ts';

/** The input is not a CIN census XML file; the message says why, on one line. */
export class CinParseError extends Error {}

const REPEATED = new Set([
  'Source',
  'Child',
  'Disability',
  'CINdetails',
  'Assessments',
  'AssessmentFactors',
  'CINPlanDates',
  'Section47',
  'ChildProtectionPlans',
  'CPPreviewDate',
  'PreProceedingsandFGDM',
]);

interface Frame {
  name: string;
  obj: Node;
  text: string;
  hasChildren: boolean;
}

/**
 * An incremental CIN census reader: `write` text in chunks of any size, then `end`. saxes checks
 * the XML is well formed; each <Child> becomes the model as soon as it closes, so memory follows
 * the model, not the XML tree.
 */
export class CinCensusReader {
  private readonly parser = new SaxesParser({ position: true });
  private readonly stack: Frame[] = [];
  private readonly children: Child[] = [];
  private message: Node | null = null;
  private sawChildren = false;
  private sawText = false;

  /** @param onChild called every 5,000 children with the count so far */
  constructor(private readonly onChild?: (count: number) => void) {
    this.parser.on('opentag', (tag) => {
      this.open(tag.name.includes(':') ? tag.name.slice(tag.name.indexOf(':') + 1) : tag.name);
    });
    this.parser.on('text', (t) => {
      this.addText(t);
    });
    this.parser.on('cdata', (t) => {
      this.addText(t);
    });
    this.parser.on('closetag', () => {
      this.close();
    });
  }

  /** Feeds the next piece of the file. @throws CinParseError */
  write(chunk: string): void {
    if (!this.sawText) {
      if (chunk.trim() === '') return;
      this.sawText = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    this.guard(() => this.parser.write(chunk));
  }

  /** Finishes the file and returns the census. @throws CinParseError */
  end(): CinCensus {
    if (!this.sawText) throw new CinParseError('the file is empty');
    this.guard(() => this.parser.close());
    const message = this.message;
    if (!message) throw new CinParseError('no <Message> element');
    if (!this.sawChildren) throw new CinParseError('no <Children> element in <Message>');
    const header = node(message.Header);
    const details = node(header.CollectionDetails);
    const source = node(list(header.Source)[0]);
    const censusHeader: CensusHeader = {
      collection: text(details.Collection),
      year: text(details.Year),
      referenceDate: text(details.ReferenceDate),
      sourceLevel: text(source.SourceLevel),
      lea: text(source.LEA),
      softwareCode: text(source.SoftwareCode),
      release: text(source.Release),
      serialNo: text(source.SerialNo),
      dateTime: text(source.DateTime),
    };
    return { header: censusHeader, children: this.children };
  }

  private guard(fn: () => unknown): void {
    try {
      fn();
    } catch (e) {
      if (e instanceof CinParseError) throw e;
      const msg = (e as Error).message.replace(/\s+/g, ' ');
      const at = /^(\d+):(\d+): (.*)$/.exec(msg);
      throw new CinParseError(
        at
          ? `not well-formed XML at line ${at[1]}, column ${at[2]}: ${at[3]}`
          : `not well-formed XML: ${msg}`,
      );
    }
  }

  private open(name: string): void {
    if (this.stack.length === 0 && name !== 'Message')
      throw new CinParseError(`root element is <${name}>, expected <Message>`);
    if (this.stack.length === 1 && name === 'Children') this.sawChildren = true;
    const top = this.stack[this.stack.length - 1];
    if (top) top.hasChildren = true;
    this.stack.push({ name, obj: {}, text: '', hasChildren: false });
  }

  private addText(t: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top) top.text += t;
  }

  private close(): void {
    const frame = this.stack.pop()!;
    const value = frame.hasChildren ? frame.obj : frame.text.trim();
    const parent = this.stack[this.stack.length - 1];
    if (!parent) {
      this.message = frame.obj;
      return;
    }
    if (frame.name === 'Child' && parent.name === 'Children') {
      this.children.push(readChild(node(value)));
      if (this.onChild && this.children.length % 5000 === 0) this.onChild(this.children.length);
      return;
    }
    if (REPEATED.has(frame.name)) {
      const items = parent.obj[frame.name];
      if (Array.isArray(items)) items.push(value);
      else parent.obj[frame.name] = [value];
    } else parent.obj[frame.name] = value;
  }
}

/**
 * Parses CIN census XML text.
 * @example const census = parseCinXml(readFileSync('census.xml', 'utf8'));
 * @throws CinParseError when the text is not well-formed XML or not a CIN census `Message`.
 */
export function parseCinXml(xml: string, onChild?: (count: number) => void): CinCensus {
  const reader = new CinCensusReader(onChild);
  reader.write(xml);
  return reader.end();
}

/**
 * Parses a CIN census XML file, streaming it in 1 MB pieces.
 * @example const census = await parseCinXmlFile('census.xml', (n) => console.error(`read ${n} children`));
 * @throws CinParseError
 */
export async function parseCinXmlFile(path: string, onChild?: (count: number) => void): Promise<CinCensus> {
  const reader = new CinCensusReader(onChild);
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }))
    reader.write(chunk as string);
  return reader.end();
}
