/**
 * A CIN census file as the import takes it: checked against the DfE schema of its year first (a
 * file that fails the schema is refused whole, naming the first errors), then read with
 * `@waypoint/returns`' streaming reader.
 */
import { readFileSync } from 'node:fs';
import { isCollectionYear, parseCinXml, validateXsd, type CinCensus } from '@waypoint/returns';

/** The file cannot be imported; the message says why. */
export class ImportFileRefused extends Error {}

/** "2026" (the XML's Year) → "2025-26". */
function collectionYearOf(xml: string): string | null {
  const m = /<(?:\w+:)?Year>\s*(\d{4})\s*</.exec(xml);
  if (m === null) return null;
  const y = Number(m[1]);
  return `${y - 1}-${String(y).slice(2)}`;
}

/**
 * Reads and checks a census file.
 * @throws ImportFileRefused when the year is unknown, the XML fails the schema or cannot be read.
 */
export async function readCinFile(path: string): Promise<{ census: CinCensus; collectionYear: string }> {
  const xml = readFileSync(path, 'utf8');
  const year = collectionYearOf(xml);
  if (year === null || !isCollectionYear(year))
    throw new ImportFileRefused(
      `the file's census year ${year === null ? 'is missing' : `${year} is not one Waypoint knows`}`,
    );
  const xsd = await validateXsd(xml, year, { fileName: path.split('/').pop() ?? 'census.xml' });
  if (!xsd.valid) {
    const first = xsd.errors
      .slice(0, 3)
      .map((e) => `line ${e.line}: ${e.message}`)
      .join('; ');
    throw new ImportFileRefused(
      `the file fails the ${year} CIN census schema (${xsd.errors.length} errors; ${first}); nothing was imported`,
    );
  }
  try {
    return { census: parseCinXml(xml), collectionYear: year };
  } catch (e) {
    throw new ImportFileRefused(`the file could not be read: ${(e as Error).message}`);
  }
}
