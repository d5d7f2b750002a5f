/** The closed vocabulary of audited actions and outcomes. */
export const auditActions = [
  // records
  'record.view',
  'record.create',
  'record.update',
  'record.search',
  'record.export',
  'record.print',
  'request.refused', // a signed-in caller's request refused at the input edge (NUL, too deep)
  'break_glass.grant',
  'cpis.check', // unscheduled care checked a child's CP-IS flag
  'audit.view',
  'audit.export',
  'involvement.link',
  'involvement.lookup',
  // feedback from children and families
  'feedback.request',
  'feedback.answer',
  // inspection (inspection/)
  'inspection.create',
  'inspection.update',
  'inspection.track',
  'inspection.view',
  // sign-in and accounts
  'auth.sign_in',
  'auth.sign_out',
  'auth.sign_out_everywhere',
  'auth.two_factor',
  'auth.lockout',
  'auth.password_reset',
  'auth.password_change',
  'auth.two_factor_setup',
  'auth.token_issue',
  'auth.token_revoke',
  'admin.user_create',
  'admin.user_update',
  'admin.user_deactivate',
  'admin.team_create',
  'admin.team_update',
  'admin.team_deactivate',
  'admin.client_create',
  'admin.client_revoke',
  'admin.job_retry',
  'admin.job_cancel',
  // learning reviews (learning-reviews/)
  'review.create',
  'review.update',
  'review.view',
  'review.sign_off',
  'review.publish',
  'review.withdraw',
  // LA settings (la-settings/)
  'admin.settings_update',
  'admin.credential_set',
  'admin.partnership_update',
  'admin.retention_rule_update',
  // disposal under the retention schedule (disposal/)
  'disposal.propose',
  'disposal.approve',
  'disposal.remove',
  'record.dispose', // one per record disposed of: its kind, the rule and the day, never who
  // a child moving to another LA (transfer/)
  'transfer.request',
  'transfer.view',
  'transfer.accept',
  'transfer.decline',
  'transfer.withdraw',
  'transfer.close_out', // the sending LA's side of an accepted transfer: allocations ended, episode closed RC5
  // subject access requests (subject-access/)
  'sar.create',
  'sar.view', // the list of requests (a request's bundle is a record.view or record.export of the subject)
  'sar.update', // an extension, completion or withdrawal
  'sar.decide', // a disclosure decision on one span
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditOutcomes = ['success', 'denied', 'failure'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];
