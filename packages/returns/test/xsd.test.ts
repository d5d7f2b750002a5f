/**
 * The in-process XSD validator (libxml2 in WebAssembly) against Debian's `xmllint --noout --schema`:
 * for every fixture file, the same verdict and the same errors (line and message) as the native
 * output recorded beside it by `test/xsd-fixtures/make.ts` (for a file that is not well-formed, its first,
 * fatal error).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { XsdRunError, parseXmllintOutput, validateXsd } from '../src/cin/xsd.ts';
import { schemaPath } from '../src/cin/schema.ts';
import { SHARED_XSD, hasSharedXsd } from './shared-xsd.ts';

const dir = (name: string): string => fileURLToPath(new URL(`./xsd-fixtures/${name}`, import.meta.url));
const index = JSON.parse(readFileSync(dir('index.json'), 'utf8')) as Record<string, string>;

describe('XSD validation without xmllint installed', () => {
  for (const [name, schema] of Object.entries(index)) {
    it(`${name}: the same errors as native xmllint`, async () => {
      const [status, ...rest] = readFileSync(dir(`${name}.xmllint.txt`), 'utf8').split('\n');
      const native = rest.join('\n');
      const xml = readFileSync(dir(`${name}.xml`));
      const res = await validateXsd(
        xml,
        schemaPath(schema === 'shared' ? '2023-24' : (schema as '2025-26')),
        {
          fileName: `${name}.xml`,
        },
      );
      expect(res.valid).toBe(status === '0');
      const expected = parseXmllintOutput(native, `${name}.xml`);
      // Not well-formed: libxml2 2.13 (the WebAssembly build) stops at the first fatal error, where
      // Debian's 2.9 goes on to report what its recovery then trips over; the first error is the same.
      const fatal = expected[0]?.message.startsWith('parser error') ?? false;
      expect(res.errors).toEqual(fatal ? expected.slice(0, 1) : expected);
      if (status !== '0') expect(res.errors.length).toBeGreaterThan(0);
    });
  }

  it('reads the native message with or without the element prefix', () => {
    expect(
      parseXmllintOutput(
        "a.xml:3: element Sex: Schemas validity error : Element 'Sex': bad.\na.xml fails to validate\n",
        'a.xml',
      ),
    ).toEqual([{ line: 3, message: "Schemas validity error : Element 'Sex': bad." }]);
  });

  it.skipIf(!hasSharedXsd)('ships a byte-for-byte copy of the DfE 2024 XSD', () => {
    expect(readFileSync(schemaPath('2023-24'), 'utf8')).toBe(readFileSync(SHARED_XSD, 'utf8'));
  });

  it('says plainly when the schema cannot be read', async () => {
    await expect(validateXsd('<Message/>', '/nonexistent/CIN.xsd')).rejects.toThrow(XsdRunError);
  });
});
