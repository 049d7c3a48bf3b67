import { boolean, doublePrecision, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, updatedAt } from '../db/columns';
import { users } from '../accounts/schema';

/**
 * What a learner tells the platform to get better suggestions: skills they want to develop (their
 * needs), interests, age, languages, accessibility needs and where they are. All optional. Users are
 * not city-owned: one person can learn in several cities.
 */
export const learnerProfiles = pgTable('learner_profiles', {
	userId: uuid('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	birthYear: integer('birth_year'),
	languages: text('languages').array().notNull().default([]),
	accessibilityNeeds: text('accessibility_needs').array().notNull().default([]),
	/**
	 * The learner agreed that their stated accessibility needs may be counted, anonymously and in
	 * aggregates only, in the city's inclusion figures. Without it their needs serve suggestions alone.
	 */
	inclusionStatsConsent: boolean('inclusion_stats_consent').notNull().default(false),
	/** Framework item ids the learner wants to develop. */
	skillNeeds: text('skill_needs').array().notNull().default([]),
	/** Activity types they like. */
	interests: text('interests').array().notNull().default([]),
	homeLat: doublePrecision('home_lat'),
	homeLon: doublePrecision('home_lon'),
	/** SHA-256 of the secret in the learner's personal calendar feed URL. */
	calendarTokenHash: text('calendar_token_hash').unique(),
	updatedAt: updatedAt()
});

/**
 * A guardian's consent for a young learner, asked by the learner and given by the guardian through a
 * link mailed to them (cities set the age under which they require it). One record per learner:
 * asking again replaces an unconfirmed request. Only the link's SHA-256 is stored.
 */
export const guardianConsents = pgTable('guardian_consents', {
	userId: uuid('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	guardianName: text('guardian_name').notNull(),
	guardianEmail: text('guardian_email').notNull(),
	tokenHash: text('token_hash').notNull().unique(),
	requestedAt: at('requested_at').notNull(),
	expiresAt: at('expires_at').notNull(),
	confirmedAt: at('confirmed_at')
});
