/** Runs `xmllint --schema` (Debian's libxml2-utils) on XML text. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The DfE XSD in the shared specifications, when the repository sits beside them. */
export const SHARED_XSD = fileURLToPath(
  new URL('../../../../shared/spec/cin-census/CIN_schema_2024.xsd', import.meta.url),
);
export const hasSharedXsd = existsSync(SHARED_XSD);

export function xmllint(xml: string, xsd: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'returns-xsd-'));
  try {
    const file = join(dir, 'census.xml');
    writeFileSync(file, xml);
    const res = spawnSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8' });
    if (res.error) throw new Error(`xmllint could not run (install libxml2-utils): ${res.error.message}`);
    return { ok: res.status === 0, output: `${res.stdout}${res.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
