/**
 * Every job the application defines, loaded for their `registerJob` calls, so a worker (in
 * `waypoint serve` or `waypoint jobs run`) knows every job any part of the app may enqueue.
 * A capability that adds a job adds its module here.
 */
import '../access/break-glass-notify.ts';
import '../messaging/send-job.ts';
import '../cpis/jobs.ts';
import '../cpis/publish.ts';
import '../involvement/publish.ts';
import '../involvement/la-services.ts';
import '../involvement/notices.ts';
import '../involvement/publish-all.ts';
import '../cpis/notify.ts';
import '../insight/summary-kinds.ts';
import '../disposal/jobs.ts';
import '../returns/quality-job.ts';
import '../dfe-feed/jobs.ts';
