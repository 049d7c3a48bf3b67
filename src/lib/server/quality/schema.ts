import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../db/columns';
import { users } from '../accounts/schema';
import { cityIdColumn } from '../cities/schema';
import { activities } from '../activities/schema';

/** Every decision the city took on an activity's quality label, kept as its history. */
export const qualityReviews = pgTable(
	'quality_reviews',
	{
		id: id(),
		cityId: cityIdColumn(),
		activityId: uuid('activity_id')
			.notNull()
			.references(() => activities.id, { onDelete: 'cascade' }),
		decision: text('decision').$type<'granted' | 'withdrawn' | 'changes_requested'>().notNull(),
		comment: text('comment'),
		reviewerId: uuid('reviewer_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(table) => [index('quality_reviews_activity_idx').on(table.activityId, table.createdAt)]
);
