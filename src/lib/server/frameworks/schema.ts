import { index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { at } from '../db/columns';
import { cityIdColumn } from '../cities/schema';

/**
 * Competence frameworks (LifeComp, EntreComp, DigComp, GreenComp, P21, ESCO transversal skills), loaded
 * at start from the JSON files in `frameworks/`. Items are never deleted, only retired, because
 * activities and badges refer to their ids (`lifecomp:P1.1`).
 */
export const frameworks = pgTable('frameworks', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	version: text('version').notNull(),
	publisher: text('publisher').notNull(),
	source: text('source').notNull(),
	license: text('license').notNull(),
	itemCount: integer('item_count').notNull(),
	/** SHA-256 of the file last loaded, so that an unchanged file is not loaded again. */
	contentHash: text('content_hash').notNull(),
	loadedAt: at('loaded_at').notNull().defaultNow()
});

export const frameworkItems = pgTable(
	'framework_items',
	{
		id: text('id').primaryKey(),
		frameworkId: text('framework_id')
			.notNull()
			.references(() => frameworks.id),
		code: text('code').notNull(),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		parentId: text('parent_id'),
		type: text('type').$type<'area' | 'competence' | 'descriptor' | 'level'>().notNull(),
		kind: text('kind'),
		level: integer('level'),
		uri: text('uri'),
		altLabels: text('alt_labels').array().notNull().default([]),
		/** Order in the source file, which is the framework's own order. */
		position: integer('position').notNull(),
		retiredAt: at('retired_at')
	},
	(table) => [
		index('framework_items_framework_idx').on(table.frameworkId, table.position),
		index('framework_items_uri_idx').on(table.uri)
	]
);

/** The frameworks a city works with (all of them for a new city). */
export const cityFrameworks = pgTable(
	'city_frameworks',
	{
		cityId: cityIdColumn(),
		frameworkId: text('framework_id')
			.notNull()
			.references(() => frameworks.id)
	},
	(table) => [primaryKey({ columns: [table.cityId, table.frameworkId] })]
);
