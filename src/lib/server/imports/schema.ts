import { boolean, customType, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id } from '../db/columns';
import { users } from '../accounts/schema';
import { cityIdColumn } from '../cities/schema';
import { organisationIdColumn } from '../organisations/schema';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export type ImportRunStatus = 'previewed' | 'applied' | 'failed';

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
	action: 'create' | 'update' | 'skip' | 'error';
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
		createdAt: createdAt(),
		appliedAt: at('applied_at')
	},
	(table) => [index('import_runs_organisation_idx').on(table.organisationId, table.createdAt)]
);
