/**
 * XSD validation of a CIN census XML file, in process: libxml2's `xmllint --schema`, compiled to
 * WebAssembly and shipped inside the `xmllint-wasm` npm package (nothing is installed from apt and
 * nothing is downloaded at run time). It runs the same libxml2 schema validator as Debian's
 * `xmllint --noout --schema`, so it reports the same errors for the same file.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { memoryPages, validateXML } from 'xmllint-wasm';
import { isCollectionYear } from '../years.ts';
import { schemaPath } from './schema.ts';

/** One schema error, as xmllint prints it. */
export interface XsdError {
  /** Line of the XML file, or null when xmllint gave none. */
  line: number | null;
  /** The message without the file name and line, e.g. `element Sex: Schemas validity error : …`. */
  message: string;
}

export interface XsdResult {
  valid: boolean;
  errors: XsdError[];
  /** xmllint's own output (stderr), with `fileName` as the file's name. */
  output: string;
}

/** Thrown when xmllint cannot run at all (an unreadable schema, out of memory): not a validation result. */
export class XsdRunError extends Error {}

export interface XsdOptions {
  /** The name the file is given in the output (default `census.xml`). */
  fileName?: string;
}

const schemas = new Map<string, Promise<string>>();

function schemaText(path: string): Promise<string> {
  let text = schemas.get(path);
  if (!text) {
    text = readFile(path, 'utf8');
    schemas.set(path, text);
  }
  return text;
}

/**
 * The errors in xmllint's output: every `file:line: …` line (context lines under a parser error and
 * the closing "fails to validate" are not errors). The `element NAME: ` that libxml2 before 2.11
 * puts before the message is dropped, so every libxml2 version gives the same message.
 */
export function parseXmllintOutput(output: string, fileName: string): XsdError[] {
  const prefix = `${fileName}:`;
  const errors: XsdError[] = [];
  for (const raw of output.split('\n')) {
    if (!raw.startsWith(prefix)) continue;
    const m = /^(\d+): ?(.*)$/s.exec(raw.slice(prefix.length));
    if (!m) continue;
    errors.push({ line: Number(m[1]), message: m[2]!.replace(/^element [^\s:]+: /, '').trim() });
  }
  return errors;
}

/**
 * Validates XML text against an XSD file (a year's CIN schema by default).
 * @param xml the XML text (UTF-8)
 * @param schema a collection year such as `2025-26` (its schema from `schemas/`), or the path of an XSD file
 * @example (await validateXsd(writeCinXml(census, '2025-26'), '2025-26')).valid
 * @throws XsdRunError when xmllint could not run (the schema is not readable, or memory ran out).
 */
export async function validateXsd(
  xml: string | Uint8Array,
  schema: string,
  options: XsdOptions = {},
): Promise<XsdResult> {
  const xsdPath = isCollectionYear(schema) ? schemaPath(schema) : schema;
  const fileName = options.fileName ?? 'census.xml';
  let xsd: string;
  try {
    xsd = await schemaText(xsdPath);
  } catch (e) {
    schemas.delete(xsdPath);
    throw new XsdRunError(`cannot read the schema ${xsdPath}: ${(e as Error).message}`);
  }
  const size = typeof xml === 'string' ? Buffer.byteLength(xml) : xml.byteLength;
  // libxml2 holds the document tree: about 12 bytes of wasm memory per byte of XML, with room to spare.
  const needed = Math.ceil((size * 16) / (64 * 1024)) + memoryPages.defaultMaxMemoryPages;
  try {
    const res = await validateXML({
      xml: { fileName, contents: xml },
      schema: { fileName: basename(xsdPath), contents: xsd },
      maxMemoryPages: Math.min(memoryPages.max, needed),
    });
    return { valid: res.valid, errors: parseXmllintOutput(res.rawOutput, fileName), output: res.rawOutput };
  } catch (e) {
    // xmllint exits 1 when the file is not well-formed XML: that is a result, not a failure to run.
    const err = e as Error & { code?: number };
    const errors = err.code === 1 ? parseXmllintOutput(err.message, fileName) : [];
    if (errors.length > 0) return { valid: false, errors, output: err.message };
    throw new XsdRunError(`xmllint could not run: ${err.message}`);
  }
}
