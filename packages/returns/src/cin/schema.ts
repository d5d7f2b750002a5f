/** The XSD a year's census is checked against (shipped in `schemas/`). */
import { fileURLToPath } from 'node:url';
import { type CollectionYear, usesSex } from '../years.ts';

/**
 * Path of the schema for the year: the DfE 2024 XSD for 2023/24, and for 2024/25 on the derived
 * schema with `Sex` and the pre-proceedings module (see the comment at its top).
 */
export function schemaPath(year: CollectionYear): string {
  const file = usesSex(year) ? 'CIN_schema_2025.xsd' : 'CIN_schema_2024.xsd';
  return fileURLToPath(new URL(`../../schemas/${file}`, import.meta.url));
}
