/** Publishing fictional reviews straight through publishReview, for the repository's tests. */
import type { Kysely } from 'kysely';
import type { Actor } from '../../src/auth/actor.ts';
import type { Schema } from '../../src/db/schema.ts';
import { inTenant } from '../../src/db/tenant.ts';
import { generateReview, type GenerateOptions } from '../../src/review-repository/generate.ts';
import type { PublishReviewInput } from '../../src/review-repository/input.ts';
import { publishReview } from '../../src/review-repository/publish.ts';
import type { BuiltUser } from './factories.ts';

/** The business manager as an actor (what publishReview is called with). */
export function managerActor(user: BuiltUser): Actor {
  return {
    userId: user.id,
    name: 'Business Manager',
    email: user.email,
    organisationId: user.organisationId,
    laCode: user.laCode,
    roles: ['partnership_business_manager'],
    teamIds: [],
    via: 'cli',
  };
}

/** Publishes a generated review (with overrides) and returns its public id. */
export async function publishGenerated(
  db: Kysely<Schema>,
  actor: Actor,
  options: GenerateOptions,
  overrides: Partial<PublishReviewInput> = {},
): Promise<string> {
  const input = { ...generateReview(options), ...overrides };
  const { publicId } = await inTenant(db, actor.laCode, (tx) => publishReview(tx, actor, input));
  return publicId;
}
