/**
 * The responsible LA's names, office hours and numbers for a CP-IS answer: the LA-settings
 * capability's own (`la-settings/`, kept by the LA's administrator at /admin/settings; its demo
 * defaults until the LA saves its own), the one place they are read from.
 */
export { contactNow, getLaSettings, isOfficeOpen, type LaSettings } from '../la-settings/index.ts';
