/**
 * Writes the XSD fixtures: small census files, valid and broken in different ways, each with the
 * output of Debian's `xmllint --noout --schema` beside it (`NAME.xmllint.txt`, the exit code on its
 * first line). `test/xsd.test.ts` checks that the in-process validator reports the same errors for
 * the same files, so the tests never need xmllint. Regenerate (needs libxml2-utils) with:
 *   npx tsx packages/returns/test/xsd-fixtures/make.ts
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { censusFromInput } from '../../src/cin/scope.ts';
import { writeCinXml } from '../../src/cin/write-xml.ts';
import { generateInput } from '../../src/generate/generate.ts';
import type { CollectionYear } from '../../src/years.ts';

const here = (name: string): string => fileURLToPath(new URL(name, import.meta.url));

const census = (year: CollectionYear, seed: number): string =>
  writeCinXml(censusFromInput(generateInput({ children: 6, seed, year }), year, '2026-04-01T09:00:00'), year);

const y26 = census('2025-26', 3);
const y24 = census('2023-24', 4);

/** name → [the schema: a year's, or 'shared' for the DfE 2024 XSD; the XML text]. */
const FIXTURES: Record<string, ['2023-24' | '2025-26' | 'shared', string]> = {
  'valid-2025-26': ['2025-26', y26],
  'valid-2023-24-shared': ['shared', y24],
  'bom-valid': ['2025-26', `\uFEFF${y26}`],
  'renamed-element': ['2025-26', y26.replace('<Sex>', '<Sexx>').replace('</Sex>', '</Sexx>')],
  'bad-date': ['2025-26', y26.replace(/<CINreferralDate>\d{4}/, '<CINreferralDate>20X5')],
  'bad-code': ['2025-26', y26.replace(/<ReferralSource>[^<]*</, '<ReferralSource>ZZ<')],
  'wrong-order': [
    '2025-26',
    y26.replace(/(<LAchildID>[^<]*<\/LAchildID>)(\s*)(<UPN>[^<]*<\/UPN>)/, '$3$2$1'),
  ],
  'missing-required': ['2025-26', y26.replace(/<LAchildID>[^<]*<\/LAchildID>/, '')],
  'extra-element': [
    '2025-26',
    y26.replace('</ChildCharacteristics>', '<Religion>X</Religion></ChildCharacteristics>'),
  ],
  'zero-previous-cpp-2024': ['shared', y24.replace(/<NumberOfPreviousCPP>\d+</g, '<NumberOfPreviousCPP>0<')],
  'sex-in-2024-schema': ['shared', y26],
  'wrong-root': ['2025-26', y26.replace('<Message>', '<Census>').replace('</Message>', '</Census>')],
  'not-well-formed': ['2025-26', y26.replace('</Header>', '')],
  'too-long-id': ['2025-26', y26.replace(/<LAchildID>[^<]*</, `<LAchildID>${'A'.repeat(30)}<`)],
  'many-errors': [
    '2025-26',
    y26
      .replace(/<Ethnicity>[^<]*</g, '<Ethnicity>XXXX<')
      .replace(/<PrimaryNeedCode>[^<]*</g, '<PrimaryNeedCode>N99<')
      .replace(/<ReferralNFA>false</g, '<ReferralNFA>maybe<'),
  ],
};

// 'shared' is the DfE 2024 XSD; the package's schemas/CIN_schema_2024.xsd is a byte-for-byte copy of it.
const schemaFile = (s: string): string =>
  here(`../../schemas/CIN_schema_${s === 'shared' || s === '2023-24' ? '2024' : '2025'}.xsd`);

const index: Record<string, string> = {};
for (const [name, [schema, xml]] of Object.entries(FIXTURES)) {
  const file = `${name}.xml`;
  writeFileSync(here(file), xml);
  const res = spawnSync('xmllint', ['--noout', '--schema', schemaFile(schema), file], {
    cwd: here('.'),
    encoding: 'utf8',
  });
  if (res.error) throw new Error(`xmllint could not run (install libxml2-utils): ${res.error.message}`);
  writeFileSync(here(`${name}.xmllint.txt`), `${res.status}\n${res.stderr}`);
  index[name] = schema;
}
writeFileSync(here('index.json'), `${JSON.stringify(index, null, 2)}\n`);
console.error(`wrote ${Object.keys(index).length} fixtures`);
