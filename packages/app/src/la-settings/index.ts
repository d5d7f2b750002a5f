/** LA settings: the council's names, hours and numbers, credentials, partnership and retention schedule. */
export { getLaSettings, isOfficeOpen, contactNow, londonWallClock } from './get-settings.ts';
export {
  weekdays,
  defaultSettings,
  type LaSettings,
  type OfficeHours,
  type Weekday,
} from './settings-model.ts';
export { saveLaSettings } from './save-settings.ts';
export { settingsForm, type SettingsFormInput } from './settings-form.ts';
export {
  credentialNames,
  credentialStatus,
  getCredential,
  setCredential,
  settingsKey,
  keyFilePath,
  type CredentialName,
} from './credentials.ts';
export { partnershipForSettings } from './partnership.ts';
export {
  retentionRules,
  saveRetentionRule,
  retentionDefaults,
  keptUntil,
  recordKinds,
  type RecordKind,
  type RetentionRule,
  type RetentionFacts,
  type RetentionBasis,
} from './retention-rules.ts';
export {
  retentionDue,
  retentionRows,
  dueOn,
  placeLegalHold,
  placeLegalHoldIn,
  type RetentionRow,
} from './retention-due.ts';
