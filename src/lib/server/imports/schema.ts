import { boolean, customType, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id } from '../db/columns';
import { users } from '../accounts/schema';
import { cityIdColumn } from '../cities/schema';
import { organisationIdColumn } from '../organisations/schema';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** `queued` and `running`: applied in the background (a job), `processed` of `total` records so far. */
export type ImportRunStatus = 'previewed' | 'queued' | 'running' | 'applied' | 'failed';

/** How the content is read: the same for the preview and for applying it. */
export interface ImportReadOptions {
	locale: string;
	timezone: string;
	csvMapping?: Record<string, string>;
	dateOrder?: 'dmy' | 'mdy';
}

export interface ImportRunItem {
	sourceId: string;
	title: string;
	/** What the run does (or did) with the record. */
	action: 'create' | 'update' | 'skip' | 'error' | 'archive';
	reason?: string;
	activityId?: string;
	status?: string;
}

/**
 * One import: what was read (the file or URL), what it would do or did, record by record. A preview
 * keeps the content it read, so that the organiser applies exactly what they looked at; applying
 * clears it.
 */
export const importRuns = pgTable(
	'import_runs',
	{
		id: id(),
		cityId: cityIdColumn(),
		organisationId: organisationIdColumn(),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		format: text('format').notNull(),
		filename: text('filename'),
		sourceUrl: text('source_url'),
		status: text('status').$type<ImportRunStatus>().notNull(),
		publish: boolean('publish').notNull().default(false),
		readWith: jsonb('read_with').$type<ImportReadOptions>().notNull().default({ locale: 'en', timezone: 'UTC' }),
		/** The content read, kept between a preview and its application only. */
		content: bytea('content'),
		created: integer('created').notNull().default(0),
		updated: integer('updated').notNull().default(0),
		skipped: integer('skipped').notNull().default(0),
		errors: jsonb('errors').$type<{ record: string; message: string }[]>().notNull().default([]),
		/** Assumptions the parser made (a time zone, day-first dates) and records left out on purpose. */
		warnings: jsonb('warnings').$type<{ record: string; message: string }[]>().notNull().default([]),
		items: jsonb('items').$type<ImportRunItem[]>().notNull().default([]),
		/** Records to write and written so far; a background run adds each chunk's items with its writes. */
		total: integer('total').notNull().default(0),
		processed: integer('processed').notNull().default(0),
		/** Why a background run failed, for the person who started it. */
		message: text('message'),
		/** Set when a subscribed feed made this run (its history). */
		feedId: uuid('feed_id'),
		createdAt: createdAt(),
		appliedAt: at('applied_at')
	},
	(table) => [index('import_runs_organisation_idx').on(table.organisationId, table.createdAt)]
);

/**
 * A URL an organisation subscribes to (an iCal feed, a MOOChub or OOAPI endpoint, a page with
 * schema.org data, another instance): fetched again every `intervalMinutes` and imported like a file,
 * its runs kept in `import_runs` as its history. `sourceIds` are the records the last successful run
 * saw: one that is gone next time was removed at the source, and its activity is archived.
 */
export const importFeeds = pgTable(
	'import_feeds',
	{
		id: id(),
		cityId: cityIdColumn(),
		organisationId: organisationIdColumn(),
		/** Whose rights the feed runs with: they must still be allowed to import for the organisation. */
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		url: text('url').notNull(),
		format: text('format').notNull(),
		publish: boolean('publish').notNull().default(false),
		intervalMinutes: integer('interval_minutes').notNull(),
		nextRunAt: at('next_run_at').notNull(),
		lastRunAt: at('last_run_at'),
		lastRunId: uuid('last_run_id'),
		lastError: text('last_error'),
		sourceIds: jsonb('source_ids').$type<string[]>().notNull().default([]),
		createdAt: createdAt()
	},
	(table) => [index('import_feeds_due_idx').on(table.nextRunAt), index('import_feeds_organisation_idx').on(table.organisationId)]
);
