import { boolean, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../db/columns';
import { users } from '../accounts/schema';

/**
 * A learner's public profile: off until they switch it on, and then only the credentials they chose.
 *
 * Its address is `/profiles/<id>` with a random UUID, not a handle the learner picks: many learners
 * are young, and a guessable address (a name, a counter) would let anyone list or find profiles that
 * were meant for the people the learner gives the link to. The id stays the same when the profile is
 * switched off and on again, so links already shared keep working for as long as the learner wants.
 * Users are not city-owned (one person learns in several cities), so neither is this.
 */
export const publicProfiles = pgTable('public_profiles', {
	id: uuid('id').notNull().unique().defaultRandom(),
	userId: uuid('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	enabled: boolean('enabled').notNull().default(false),
	/** Shown instead of the account name, which may be more than the learner wants public. */
	displayName: text('display_name').notNull(),
	headline: text('headline').notNull().default(''),
	/** The credentials shown, in the learner's order; revoked ones and ones no longer theirs are skipped on reading. */
	credentialIds: uuid('credential_ids').array().notNull().default([]),
	createdAt: createdAt(),
	updatedAt: updatedAt()
});
