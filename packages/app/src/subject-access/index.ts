/** Subject access requests: the capability's operations (README.md). */
export * from './requests.ts';
export * from './disclosure.ts';
export { dueDateOf, extendedDateOf, addCalendarMonths, timelinessOf, type Timeliness } from './due-dates.ts';
