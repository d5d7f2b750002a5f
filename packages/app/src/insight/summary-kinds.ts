/**
 * Every module that defines a kind of practice insight figures (`defineSummary`), loaded together
 * so a job worker can work out any of them (listed in jobs/definitions.ts).
 */
import '../feedback/trends.ts';
import './friction-summary.ts';
import './help-working.ts';
import './recording.ts';
