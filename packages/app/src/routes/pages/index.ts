import type { FastifyPluginAsync } from 'fastify';
import { accountPages } from './account-pages.ts';
import { caseNotePages } from './case-notes.ts';
import { caseloadPages } from './caseload.ts';
import { childrenPages } from './children.ts';
import { detailsPages } from './details.ts';
import { documentPages } from './documents.ts';
import { familyPages } from './family.ts';
import { journeyStepPages } from './journey-steps.ts';
import { learningReviewPages } from './learning-reviews/index.ts';
import { laSettingsPages } from './la-settings/index.ts';
import { notificationPages } from './notifications.ts';
import { peoplePages } from './people.ts';
import { frontDoorInvolvementPages } from './involvement/front-door.ts';
import { lookupsOnPages } from './involvement/lookups-on.ts';
import { partnerInvolvementPages } from './involvement/partner.ts';
import { returnsPages } from './returns/data-quality.ts';
import { dfeFeedPages } from './returns/dfe-feed.ts';
import { cpisAttendancePages } from './cpis/attendances.ts';
import { cpisCheckPages } from './cpis/check.ts';
import { cpisDataTeamPages } from './cpis/data-team.ts';
import { childFeedbackPages } from './feedback/child-feedback.ts';
import { frictionPages } from './insight/friction.ts';
import { feedbackTrendPages } from './insight/feedback.ts';
import { helpWorkingPages } from './insight/help.ts';
import { recordingBurdenPages } from './insight/recording.ts';
import { supervisionPages } from './insight/supervision.ts';
import { publicFeedbackPages } from './feedback/public-form.ts';
import { reviewRepositoryPages } from './review-repository/search.ts';
import { inspectionPages } from './inspection/index.ts';
import { disposalPages } from './disposal/index.ts';
import { transferPages } from './transfer/index.ts';
import { subjectAccessPages } from './subject-access/index.ts';

/** Server-rendered pages. */
export const pageRoutes: FastifyPluginAsync = async (app) => {
  // Signed in, the home page offers what the person may do (by capability); otherwise, sign in.
  // While the demo borough is generated in the background, it also says how far it has got.
  app.get('/', async (req, reply) => {
    const { demo } = app.deps;
    const demoProgress =
      demo === undefined || demo.state === 'ready'
        ? undefined
        : {
            failed: demo.state === 'failed',
            children: demo.children,
            total: demo.total,
            percent: demo.percent,
          };
    return reply.view('pages/home.njk', {
      signedIn: req.actor === null ? null : { name: req.actor.name },
      demoProgress,
    });
  });
  await app.register(childrenPages);
  await app.register(journeyStepPages);
  await app.register(caseNotePages);
  await app.register(documentPages);
  await app.register(notificationPages);
  await app.register(accountPages);
  await app.register(peoplePages);
  await app.register(detailsPages);
  await app.register(familyPages);
  await app.register(caseloadPages);
  await app.register(returnsPages);
  await app.register(dfeFeedPages);
  await app.register(disposalPages);
  await app.register(transferPages);
  await app.register(subjectAccessPages);
  await app.register(cpisDataTeamPages);
  await app.register(cpisAttendancePages);
  await app.register(learningReviewPages);
  await app.register(lookupsOnPages);
  await app.register(partnerInvolvementPages);
  await app.register(frontDoorInvolvementPages);
  await app.register(childFeedbackPages);
  await app.register(frictionPages);
  await app.register(feedbackTrendPages);
  await app.register(helpWorkingPages);
  await app.register(recordingBurdenPages);
  await app.register(supervisionPages);
  await app.register(publicFeedbackPages);
  await app.register(cpisCheckPages);
  await app.register(laSettingsPages);
  await app.register(reviewRepositoryPages);
  await app.register(inspectionPages);
};
