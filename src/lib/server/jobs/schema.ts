import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { at, createdAt, id } from '../db/columns';

/**
 * `queued`: waiting for `run_at`; `active`: claimed by a worker until `locked_until` (a lease the
 * worker renews while it runs; a job whose worker died is claimed again once it lapses); `done`;
 * `dead`: failed `max_attempts` times, kept with its last error.
 */
export type JobStatus = 'queued' | 'active' | 'done' | 'dead';

/** Background work, shared by every instance on the database (see src/lib/server/jobs/runner.ts). */
export const jobs = pgTable(
	'jobs',
	{
		id: id(),
		queue: text('queue').notNull(),
		payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
		status: text('status').$type<JobStatus>().notNull().default('queued'),
		runAt: at('run_at').notNull().defaultNow(),
		attempts: integer('attempts').notNull().default(0),
		maxAttempts: integer('max_attempts').notNull().default(5),
		/** Enqueue once: a second job with the same key is not added while one is queued or active. */
		singletonKey: text('singleton_key'),
		lockedBy: text('locked_by'),
		lockedUntil: at('locked_until'),
		lastError: text('last_error'),
		createdAt: createdAt(),
		finishedAt: at('finished_at')
	},
	(table) => [
		// What a worker claims: the open jobs in the order they are due.
		index('jobs_open_idx').on(table.runAt).where(sql`status in ('queued', 'active')`),
		uniqueIndex('jobs_singleton_idx').on(table.queue, table.singletonKey).where(sql`status in ('queued', 'active') and singleton_key is not null`),
		index('jobs_finished_idx').on(table.finishedAt)
	]
);
