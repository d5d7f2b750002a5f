/** "Who has viewed this record" in words: one row per person and day, what they did and when. */
import { longDate } from '../http/forms/dates.ts';
import type { ViewerDay } from '../audit/record-trail.ts';

const londonTime = new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: 'Europe/London',
});
/** "9:05am" */
const clock = (d: Date) => londonTime.format(d).replace(/\s/g, '').replace(/^0:/, '12:').toLowerCase();
const times = (n: number) => (n === 1 ? '' : n === 2 ? ' twice' : ` ${n} times`);

/** What one person did with the record on one day, in words. */
export function viewerDayWords(d: ViewerDay): string[] {
  const out: string[] = [];
  for (const reason of d.emergencyReasons) out.push(`Used emergency access, giving the reason: “${reason}”`);
  const ordinary = d.views - d.reviewViews;
  if (ordinary > 0) out.push(`Viewed the record${times(ordinary)}`);
  if (d.reviewViews > 0) out.push(`Viewed the record for a learning review${times(d.reviewViews)}`);
  if (d.prints > 0) out.push(`Printed the chronology${times(d.prints)}`);
  if (d.exports > 0) out.push(`Exported the record${times(d.exports)}`);
  if (d.refused > 0) out.push(`Was refused access${times(d.refused)}`);
  return out;
}

export function presentViewerDays(days: readonly ViewerDay[]) {
  return days.map((d) => {
    const first = clock(d.firstAt);
    const last = clock(d.lastAt);
    return {
      day: longDate(d.day),
      who: d.actorName ?? 'Someone no longer known to Waypoint',
      organisation: d.organisation ?? '',
      onBehalfOf: d.onBehalfOf,
      what: viewerDayWords(d),
      when: first === last ? first : `${first} to ${last}`,
    };
  });
}
