-- A partner organisation's data protection officer (police force, NHS trust, GP practice, school…):
-- reviews and exports the involvement index's look-ups on their own organisation's records, as the
-- council's DPO does for the council's (issue 15). Partner staff; no children's records.
alter table user_roles drop constraint user_roles_role_check;
alter table user_roles add constraint user_roles_role_check check (role in ('social_worker', 'team_manager',
  'service_manager', 'director', 'principal_social_worker', 'front_door', 'partner_practitioner',
  'safeguarding_reviewer', 'inspector', 'data_protection_officer', 'system_administrator', 'performance_officer',
  'unscheduled_care_clinician', 'partnership_business_manager', 'partnership_chair',
  'independent_reviewing_officer', 'conference_chair', 'partner_data_protection_officer'));
