import { date, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { updatedAt } from '../db/columns';
import { users } from '../accounts/schema';
import { cityIdColumn } from '../cities/schema';

/**
 * A city's own targets for its strategy (for example 50% of activities recognising 21st-century
 * skills): one value per metric, shown on the dashboard as progress against it.
 */
export const cityTargets = pgTable(
	'city_targets',
	{
		cityId: cityIdColumn(),
		/** One of `TARGET_METRICS` (stats/metrics.ts). */
		metric: text('metric').notNull(),
		/** A count, or a percentage (0-100) for the share metrics. */
		target: doublePrecision('target').notNull(),
		updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
		updatedAt: updatedAt()
	},
	(table) => [primaryKey({ columns: [table.cityId, table.metric] })]
);

/*
 * Rollups for the city dashboard, written only by the database triggers of migration
 * `stats_rollup_triggers` in the same transaction as the enrolment or follow that changes them (see
 * ARCHITECTURE.md, Dashboards). No foreign keys: a deleted account or city removes its enrolments
 * and follows by cascade, and the triggers then remove these rows; a key checked against a user
 * already gone in the same cascade would fail instead.
 */

/**
 * One row per learner of a city: the first and the last moment they did something there (enrolled,
 * followed a playlist, an enrolment changed), so the dashboard counts 50,000 learners instead of
 * grouping 500,000 enrolments.
 */
export const statsCityLearners = pgTable(
	'stats_city_learners',
	{
		cityId: uuid('city_id').notNull(),
		userId: uuid('user_id').notNull(),
		/** The earliest enrolment or follow: when the learner joined the city's learning. */
		firstAt: timestamp('first_at', { withTimezone: true }).notNull(),
		/** The latest enrolment, follow or change of an enrolment. */
		lastAt: timestamp('last_at', { withTimezone: true }).notNull()
	},
	(table) => [
		primaryKey({ columns: [table.cityId, table.userId] }),
		// Finds the few learners whose steps lie both before and after a period (see cityLearnerFigures).
		index('stats_city_learners_last_idx').on(table.cityId, table.lastAt, table.firstAt)
	]
);

/**
 * Per city and UTC month: enrolments made (not on a waiting list) by the month they were made, and
 * completions by the month of the completed enrolment's last change. Whole months of a period are
 * summed from here; its partial first and last month are counted from the enrolments.
 */
export const statsCityMonths = pgTable(
	'stats_city_months',
	{
		cityId: uuid('city_id').notNull(),
		month: date('month', { mode: 'string' }).notNull(),
		made: integer('made').notNull().default(0),
		completed: integer('completed').notNull().default(0)
	},
	(table) => [primaryKey({ columns: [table.cityId, table.month] })]
);
