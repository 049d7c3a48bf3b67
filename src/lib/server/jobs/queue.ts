import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/database';
import { jobs, type JobStatus } from './schema';

export interface EnqueueOptions {
	/** Not before this moment (now by default). */
	runAt?: Date;
	/** Tries before the job is left `dead` (5 by default). */
	maxAttempts?: number;
	/** While a job with this key is queued or active in the queue, enqueueing it again adds nothing. */
	singletonKey?: string;
}

export type JobRow = typeof jobs.$inferSelect;

/**
 * Adds a job. Pass the caller's transaction to make the job exist if and only if the caller's write
 * commits; a worker on any instance picks it up at its next poll. Returns the job's id, or null when a
 * job with the same singleton key is already waiting or running.
 */
export async function enqueue(db: Db | Tx, queue: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<string | null> {
	const [row] = await db
		.insert(jobs)
		.values({
			queue,
			payload,
			...(options.runAt ? { runAt: options.runAt } : {}),
			...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
			singletonKey: options.singletonKey ?? null
		})
		// Only the partial singleton index can conflict (ids are fresh).
		.onConflictDoNothing()
		.returning({ id: jobs.id });
	return row?.id ?? null;
}

/**
 * Claims up to `limit` jobs of the given queues that are due, or whose lease lapsed (their worker
 * died). `FOR UPDATE SKIP LOCKED` lets several instances claim at once without taking the same job;
 * each claim counts as an attempt, so a job that kills its process every time ends `dead` too.
 */
export async function claimJobs(db: Db, queues: string[], workerId: string, limit: number, leaseSeconds: number): Promise<JobRow[]> {
	if (limit <= 0 || queues.length === 0) return [];
	const result = await db.execute(sql`
		update jobs set status = 'active', attempts = attempts + 1, locked_by = ${workerId},
			locked_until = now() + make_interval(secs => ${leaseSeconds})
		where id in (
			select id from jobs
			where queue in ${queues}
				and ((status = 'queued' and run_at <= now()) or (status = 'active' and locked_until < now()))
			order by run_at
			limit ${limit}
			for update skip locked
		)
		returning id`);
	const ids = rowsOf<{ id: string }>(result).map((row) => row.id);
	if (ids.length === 0) return [];
	return db.select().from(jobs).where(inArray(jobs.id, ids));
}

/** node-postgres answers `{ rows }`, PGlite too; both through Drizzle's execute. */
function rowsOf<T>(result: unknown): T[] {
	return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

/** Renews the lease of the jobs this worker is running (its heartbeat). */
export async function extendLeases(db: Db, workerId: string, ids: string[], leaseSeconds: number): Promise<void> {
	if (ids.length === 0) return;
	await db
		.update(jobs)
		.set({ lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
		.where(and(eq(jobs.lockedBy, workerId), eq(jobs.status, 'active'), inArray(jobs.id, ids)));
}

/**
 * Marks a claimed job done. Only while this worker still holds it: a worker that lost its lease (it
 * stalled past it, another took the job) does not overwrite what the new holder does.
 */
export async function completeJob(db: Db, job: JobRow, workerId: string, options: { forgetPayload?: boolean } = {}): Promise<boolean> {
	const rows = await db
		.update(jobs)
		.set({ status: 'done', finishedAt: sql`now()`, lockedUntil: null, lastError: null, ...(options.forgetPayload ? { payload: {} } : {}) })
		.where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId), eq(jobs.status, 'active')))
		.returning({ id: jobs.id });
	return rows.length > 0;
}

/** Exponential backoff with jitter: about 5 s, 10 s, 20 s, ... capped at an hour. */
export function backoffSeconds(attempts: number, random: () => number = Math.random): number {
	const base = Math.min(3600, 5 * 2 ** Math.max(0, attempts - 1));
	return Math.round(base * (0.75 + random() * 0.5));
}

/** Records a failed attempt: queued again after the backoff, or `dead` after the last attempt. */
export async function failJob(db: Db, job: JobRow, workerId: string, message: string): Promise<JobStatus | null> {
	const dead = job.attempts >= job.maxAttempts;
	const rows = await db
		.update(jobs)
		.set(
			dead
				? { status: 'dead', finishedAt: sql`now()`, lockedUntil: null, lastError: message }
				: { status: 'queued', runAt: sql`now() + make_interval(secs => ${backoffSeconds(job.attempts)})`, lockedBy: null, lockedUntil: null, lastError: message }
		)
		.where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId), eq(jobs.status, 'active')))
		.returning({ id: jobs.id });
	return rows.length ? (dead ? 'dead' : 'queued') : null;
}

/**
 * On the embedded database only one process can run (the data-directory lock), so a job still
 * `active` at start-up belongs to a process that died: it is released at once instead of after its lease.
 */
export async function releaseOrphans(db: Db): Promise<number> {
	const rows = await db.update(jobs).set({ status: 'queued', lockedBy: null, lockedUntil: null, runAt: sql`now()` }).where(eq(jobs.status, 'active')).returning({ id: jobs.id });
	return rows.length;
}

/** Finished jobs are kept a week for inspection, then deleted. */
export async function pruneJobs(db: Db): Promise<void> {
	await db.delete(jobs).where(sql`${jobs.status} in ('done', 'dead') and ${jobs.finishedAt} < now() - interval '7 days'`);
}
