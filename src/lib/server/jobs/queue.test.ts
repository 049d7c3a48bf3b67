/**
 * The jobs table's guarantees, on an in-memory PGlite, or on PostgreSQL when DATABASE_URL is set (a
 * scratch database): a job exists iff its transaction commits, a singleton key enqueues once, each job
 * is claimed by one worker, a lapsed lease hands the job to another (and fences the first), failures
 * back off and end dead, and two runners on one database run every job exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { openSuiteDatabase } from '../../../../tests/support/server';
import { createLogger } from '../logging/logger';
import { backoffSeconds, claimJobs, completeJob, enqueue, failJob } from './queue';
import { startJobRunner } from './runner';
import { jobs } from './schema';

let database: Database;
let close = async () => {};

beforeAll(async () => {
	({ database, close } = await openSuiteDatabase(4));
});
afterAll(() => close());

const jobOf = async (id: string) => (await database.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;

describe('jobs', () => {
	it('exist only when the transaction that enqueued them commits', async () => {
		await expect(
			database.db.transaction(async (tx) => {
				await enqueue(tx, 'test.tx', { n: 1 });
				throw new Error('rolled back');
			})
		).rejects.toThrow('rolled back');
		const id = await database.db.transaction((tx) => enqueue(tx, 'test.tx', { n: 2 }));
		const rows = await database.db.select().from(jobs).where(eq(jobs.queue, 'test.tx'));
		expect(rows.map((row) => row.id)).toEqual([id]);
		expect(rows[0]!.payload).toEqual({ n: 2 });
	});

	it('enqueue a singleton key once while it is open, and again once it is done', async () => {
		const first = await enqueue(database.db, 'test.single', {}, { singletonKey: 'k' });
		expect(first).not.toBeNull();
		expect(await enqueue(database.db, 'test.single', {}, { singletonKey: 'k' })).toBeNull();
		const [claimed] = await claimJobs(database.db, ['test.single'], 'w1', 5, 60);
		expect(claimed!.id).toBe(first);
		expect(await enqueue(database.db, 'test.single', {}, { singletonKey: 'k' })).toBeNull();
		expect(await completeJob(database.db, claimed!, 'w1')).toBe(true);
		expect(await enqueue(database.db, 'test.single', {}, { singletonKey: 'k' })).not.toBeNull();
	});

	it('are claimed by one worker each, also when workers claim at the same time', async () => {
		for (let i = 0; i < 30; i++) await enqueue(database.db, 'test.claim', { i });
		const claims = await Promise.all(['a', 'b', 'c'].map((worker) => claimJobs(database.db, ['test.claim'], worker, 30, 60)));
		const ids = claims.flat().map((job) => job.id);
		expect(ids).toHaveLength(30);
		expect(new Set(ids).size).toBe(30);
		expect(await claimJobs(database.db, ['test.claim'], 'd', 30, 60)).toEqual([]);
	});

	it('go to another worker when the lease lapses, and the first can no longer complete them', async () => {
		const id = (await enqueue(database.db, 'test.lease', {}))!;
		const [held] = await claimJobs(database.db, ['test.lease'], 'dead-worker', 1, 60);
		expect(await claimJobs(database.db, ['test.lease'], 'other', 1, 60)).toEqual([]);
		// The holder stopped renewing its lease (it died): let the lease lapse.
		await database.db.update(jobs).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(jobs.id, id));
		const [taken] = await claimJobs(database.db, ['test.lease'], 'other', 1, 60);
		expect(taken).toMatchObject({ id, attempts: 2, lockedBy: 'other' });
		expect(await completeJob(database.db, held!, 'dead-worker')).toBe(false);
		expect(await completeJob(database.db, taken!, 'other')).toBe(true);
		expect((await jobOf(id)).status).toBe('done');
	});

	it('back off after a failure and end dead after the last attempt', async () => {
		const id = (await enqueue(database.db, 'test.fail', {}, { maxAttempts: 2 }))!;
		const [first] = await claimJobs(database.db, ['test.fail'], 'w', 1, 60);
		expect(await failJob(database.db, first!, 'w', 'boom')).toBe('queued');
		const waiting = await jobOf(id);
		expect(waiting).toMatchObject({ status: 'queued', attempts: 1, lastError: 'boom' });
		expect(waiting.runAt.getTime()).toBeGreaterThan(Date.now());
		expect(await claimJobs(database.db, ['test.fail'], 'w', 1, 60)).toEqual([]);
		await database.db.update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.id, id));
		const [second] = await claimJobs(database.db, ['test.fail'], 'w', 1, 60);
		expect(await failJob(database.db, second!, 'w', 'boom again')).toBe('dead');
		expect(await jobOf(id)).toMatchObject({ status: 'dead', attempts: 2, lastError: 'boom again' });
	});

	it('keep their payload when done, unless told to forget it (a mail’s text)', async () => {
		const kept = (await enqueue(database.db, 'test.forget', { secret: 'kept' }))!;
		const forgotten = (await enqueue(database.db, 'test.forget', { secret: 'link' }))!;
		const claimed = await claimJobs(database.db, ['test.forget'], 'w-forget', 5, 60);
		for (const job of claimed) expect(await completeJob(database.db, job, 'w-forget', { forgetPayload: job.id === forgotten })).toBe(true);
		expect((await jobOf(kept)).payload).toEqual({ secret: 'kept' });
		expect(await jobOf(forgotten)).toMatchObject({ status: 'done', payload: {} });
	});

	it('wait longer after each failure, up to an hour', () => {
		const middle = () => 0.5;
		expect([1, 2, 3, 4].map((n) => backoffSeconds(n, middle))).toEqual([5, 10, 20, 40]);
		expect(backoffSeconds(30, middle)).toBe(3600);
	});

	it('run exactly once with two runners on one database', async () => {
		const seen: string[] = [];
		const logger = createLogger('silent');
		let finished = 0;
		const handler = { run: async (payload: Record<string, unknown>) => void seen.push(String(payload.n)) };
		const ids = [];
		for (let i = 0; i < 40; i++) ids.push(await enqueue(database.db, 'test.runner', { n: i }));
		const runners = [1, 2].map(() => startJobRunner({ db: database.db, logger }, { 'test.runner': handler }, { concurrency: 3, pollMs: 50, leaseSeconds: 30 }));
		while (finished < 40) {
			await new Promise((resolve) => setTimeout(resolve, 50));
			finished = (await database.db.select().from(jobs).where(sql`${jobs.queue} = 'test.runner' and ${jobs.status} = 'done'`)).length;
		}
		for (const runner of runners) runner.stop();
		expect(seen.sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 40 }, (_, i) => String(i)));
	});
});
