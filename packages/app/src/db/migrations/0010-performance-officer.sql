-- The performance and data officer: builds and checks the statutory returns (CIN census, SSDA903,
-- Annex A) from the record. A new row of access/capabilities.ts; the closed list of roles grows by one.
alter table user_roles drop constraint user_roles_role_check;
alter table user_roles add constraint user_roles_role_check check (role in ('social_worker', 'team_manager',
  'service_manager', 'director', 'principal_social_worker', 'front_door', 'partner_practitioner',
  'safeguarding_reviewer', 'inspector', 'data_protection_officer', 'system_administrator', 'performance_officer'));
