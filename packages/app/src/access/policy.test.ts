import { describe, expect, it } from 'vitest';
import {
  abilitiesFor,
  accessMatrix,
  actions,
  relationships,
  relationshipsGranting,
  type Action,
  type Relationship,
} from './policy.ts';
import { roles, type Role } from './roles.ts';

const can = (role: Role, rels: Relationship[], action: Action) => abilitiesFor([role], new Set(rels))[action];

describe('access matrix', () => {
  it('gives nobody anything without a relationship (same LA) except break glass and DPO audit', () => {
    for (const role of roles) {
      const a = abilitiesFor([role], new Set(['same_la']));
      expect(a.view, role).toBe(false);
      expect(a.edit, role).toBe(false);
      expect(a.view_case_notes, role).toBe(false);
    }
    expect(can('data_protection_officer', ['same_la'], 'view_audit')).toBe(true);
    expect(can('data_protection_officer', ['same_la'], 'export_audit')).toBe(true);
  });

  it('lets the allocated worker, their team and management line open and work on the record', () => {
    expect(can('social_worker', ['allocated_worker'], 'edit')).toBe(true);
    expect(can('social_worker', ['allocated_team'], 'record_visit')).toBe(true);
    expect(can('team_manager', ['management_line'], 'view')).toBe(true);
    expect(can('service_manager', ['management_line'], 'view_audit')).toBe(true);
    expect(can('director', ['management_line'], 'edit')).toBe(false);
  });

  it('keeps restricted fields to the allocated worker and managers of the team', () => {
    expect(can('social_worker', ['allocated_worker'], 'view_restricted_fields')).toBe(true);
    expect(can('social_worker', ['allocated_team'], 'view_restricted_fields')).toBe(false);
    expect(can('team_manager', ['allocated_team'], 'view_restricted_fields')).toBe(true);
    expect(can('partner_practitioner', ['involved_professional'], 'view_restricted_fields')).toBe(false);
  });

  it('gives partners the record but not the council case notes', () => {
    expect(can('partner_practitioner', ['involved_professional'], 'view')).toBe(true);
    expect(can('partner_practitioner', ['involved_professional'], 'view_case_notes')).toBe(false);
    expect(can('partner_practitioner', ['involved_professional'], 'edit')).toBe(false);
    expect(can('partner_practitioner', ['same_la'], 'break_glass')).toBe(false);
  });

  it('gives inspectors read-only access to their sample and nothing else', () => {
    expect(can('inspector', ['inspection_sample'], 'view_case_notes')).toBe(true);
    expect(can('inspector', ['inspection_sample'], 'edit')).toBe(false);
    expect(can('inspector', ['same_la'], 'view')).toBe(false);
    expect(can('inspector', ['same_la'], 'break_glass')).toBe(false);
  });

  it('makes break glass read-only, and unavailable once access exists another way', () => {
    expect(can('social_worker', ['same_la'], 'break_glass')).toBe(true);
    expect(can('social_worker', ['same_la', 'break_glass'], 'view')).toBe(true);
    expect(can('social_worker', ['same_la', 'break_glass'], 'edit')).toBe(false);
    expect(can('social_worker', ['allocated_team', 'same_la'], 'break_glass')).toBe(false);
  });

  it('gives the front door the children it is screening', () => {
    expect(can('front_door', ['front_door_screening'], 'edit')).toBe(true);
    expect(can('social_worker', ['front_door_screening'], 'view')).toBe(false);
  });

  it('gives system administrators no access to children, and reviewers only review_read through a learning review', () => {
    for (const rel of relationships) {
      for (const action of actions) {
        expect(can('system_administrator', [rel], action)).toBe(false);
        for (const role of [
          'safeguarding_reviewer',
          'partnership_business_manager',
          'partnership_chair',
        ] as const)
          expect(can(role, [rel], action)).toBe(rel === 'learning_review' && action === 'review_read');
      }
    }
  });

  it('combines roles', () => {
    const a = abilitiesFor(['social_worker', 'data_protection_officer'], new Set<Relationship>(['same_la']));
    expect(a.export_audit).toBe(true);
    expect(a.view).toBe(false);
  });

  it('lists the relationships that grant an action, for SQL filters', () => {
    expect(relationshipsGranting(['partner_practitioner'], 'view')).toEqual(['involved_professional']);
    expect(relationshipsGranting(['inspector'], 'view')).toEqual(['inspection_sample']);
    expect(relationshipsGranting(['system_administrator'], 'view')).toEqual([]);
  });

  it('names only known actions', () => {
    for (const role of roles)
      for (const grants of Object.values(accessMatrix[role] ?? {}))
        for (const a of grants) expect(actions).toContain(a);
  });
});
