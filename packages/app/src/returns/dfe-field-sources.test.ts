/**
 * Every field of the DfE children's social care API's payload (the `CSC` schema shipped in
 * `@waypoint/returns`, read from the OpenAPI document itself) has a source in
 * `dfe-field-sources.ts`, and nothing else is listed there: a field added to the schema fails here
 * until it is placed.
 */
import { readFileSync } from 'node:fs';
import { dfeOpenApiPath } from '@waypoint/returns';
import { describe, expect, it } from 'vitest';
import { DFE_FIELDS } from './dfe-field-sources.ts';

interface Node {
  type?: string;
  items?: Node;
  properties?: Record<string, Node>;
}

/** The paths of the schema's leaves: `child_details.first_name`, `social_care_episodes.purge`, … */
function leaves(node: Node, path: string[] = []): string[] {
  const n = node.type === 'array' && node.items?.type === 'object' ? node.items : node;
  if (n.type !== 'object' || n.properties === undefined) return [path.join('.')];
  return Object.entries(n.properties).flatMap(([k, v]) => leaves(v, [...path, k]));
}

const csc = (JSON.parse(readFileSync(dfeOpenApiPath(), 'utf8')) as { components: { schemas: { CSC: Node } } })
  .components.schemas.CSC;

describe('every DfE payload field has a source', () => {
  it('reads the schema (a sanity check on the walk)', () => {
    expect(leaves(csc)).toEqual(
      expect.arrayContaining(['la_child_id', 'child_details.first_name', 'social_care_episodes.purge']),
    );
    expect(leaves(csc).length).toBeGreaterThan(60);
  });

  it('places each field, with a reason when not recorded, and lists no field the schema lacks', () => {
    const fields = leaves(csc);
    expect(fields.filter((f) => !(f in DFE_FIELDS))).toEqual([]);
    expect(Object.keys(DFE_FIELDS).filter((f) => !fields.includes(f))).toEqual([]);
    for (const [field, s] of Object.entries(DFE_FIELDS))
      expect((Object.values(s)[0] as string).length, field).toBeGreaterThan(2);
  });
});
