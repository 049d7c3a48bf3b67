import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id, updatedAt } from '../db/columns';
import { users } from '../accounts/schema';
import { cityIdColumn } from '../cities/schema';
import { activities } from '../activities/schema';

export type EnrolmentStatus = 'joined' | 'waitlisted' | 'submitted' | 'completed' | 'rejected' | 'left';

/** Statuses that hold a place in the activity (the waiting list does not): the learner takes part. */
export const HOLDS_PLACE: readonly EnrolmentStatus[] = ['joined', 'submitted', 'completed'];

/** A learner's place in an activity (or on its waiting list). One row per learner and activity. */
export const enrolments = pgTable(
	'enrolments',
	{
		id: id(),
		cityId: cityIdColumn(),
		activityId: uuid('activity_id')
			.notNull()
			.references(() => activities.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		status: text('status').$type<EnrolmentStatus>().notNull(),
		/** Order on the waiting list (smaller first); null when not waiting. */
		waitlistPosition: integer('waitlist_position'),
		joinedAt: at('joined_at'),
		leftAt: at('left_at'),
		reminderSentAt: at('reminder_sent_at'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(table) => [
		uniqueIndex('enrolments_activity_user_idx').on(table.activityId, table.userId),
		index('enrolments_user_idx').on(table.userId, table.status),
		index('enrolments_activity_status_idx').on(table.activityId, table.status),
		// The city dashboard counts from these alone (index-only scans, no row is read): each learner's
		// first enrolment, activity and counts in a period (stats_learner); enrolments made per month
		// (stats_created); completions per month, a completed enrolment's last change (stats_status).
		// `activity_id` last lets an organisation's dashboard filter without reading rows either.
		index('enrolments_stats_learner_idx').on(table.cityId, table.userId, table.createdAt, table.updatedAt, table.status, table.activityId),
		index('enrolments_stats_created_idx').on(table.cityId, table.createdAt, table.status, table.activityId),
		index('enrolments_stats_status_idx').on(table.cityId, table.status, table.updatedAt, table.activityId)
	]
);
