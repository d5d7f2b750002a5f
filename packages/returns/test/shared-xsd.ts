/** The DfE XSD in the shared specifications, when the repository sits beside them (as in CI). */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED_XSD = fileURLToPath(
  new URL('../../../../shared/spec/cin-census/CIN_schema_2024.xsd', import.meta.url),
);
export const hasSharedXsd = existsSync(SHARED_XSD);
