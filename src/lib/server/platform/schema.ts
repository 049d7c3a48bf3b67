import { index, integer, jsonb, pgSequence, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id, updatedAt } from '../db/columns';
import { users } from '../accounts/schema';
import { cities } from '../cities/schema';

/** Platform-wide values that every instance must share (the auth secret, the setup token). */
export const platformSettings = pgTable('platform_settings', {
	key: text('key').primaryKey(),
	value: jsonb('value').notNull(),
	updatedAt: updatedAt()
});

/** Fixed-window counters for rate limits, in the database so that every instance sees them. */
export const rateLimitBuckets = pgTable('rate_limit_buckets', {
	key: text('key').primaryKey(),
	windowStart: at('window_start').notNull(),
	count: integer('count').notNull()
});

/**
 * Failed sign-ins per account (by e-mail address, whether or not it has an account, so the answer
 * reveals nothing): a fixed window of failures, and until when sign-in is locked once they reach the
 * limit. In the database so that every instance enforces the same lock.
 */
export const signInFailures = pgTable('sign_in_failures', {
	email: text('email').primaryKey(),
	windowStart: at('window_start').notNull(),
	count: integer('count').notNull(),
	lockedUntil: at('locked_until')
});

/** Who did what to whom: admin and organisation actions, for the city's audit trail. */
export const auditEvents = pgTable(
	'audit_events',
	{
		id: id(),
		cityId: uuid('city_id').references(() => cities.id, { onDelete: 'cascade' }),
		actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
		action: text('action').notNull(),
		targetType: text('target_type').notNull(),
		targetId: text('target_id').notNull(),
		data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
		createdAt: createdAt()
	},
	(table) => [
		index('audit_events_city_idx').on(table.cityId, table.createdAt),
		// A person's own actions, for the data they download.
		index('audit_events_actor_idx').on(table.actorId, table.createdAt)
	]
);

/**
 * Bumped by every successful write on any instance (PostgreSQL only): server.js keeps a public answer
 * only while this number is the one it was stored under, so one instance never serves what a write on
 * another made stale. A sequence, because `nextval` never waits for another transaction and reading
 * `last_value` costs next to nothing.
 */
export const publicCacheGeneration = pgSequence('public_cache_generation');
