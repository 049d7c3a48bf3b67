import { doublePrecision, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
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
