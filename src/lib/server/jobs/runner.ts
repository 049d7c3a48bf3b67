import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Db } from '../db/database';
import type { Logger } from '../logging/logger';
import { claimJobs, completeJob, extendLeases, failJob, type JobRow } from './queue';

export interface JobHandler {
	/** Does the work. It may run again after a crash or a lost lease, so it must be idempotent. */
	run(payload: Record<string, unknown>, job: JobRow): Promise<void>;
	/** Called once when the job gives up (its last attempt failed): record the failure for people. */
	onDead?(payload: Record<string, unknown>, message: string): Promise<void>;
	/** False for jobs that change nothing shown publicly (mails): kept public answers stay valid. */
	touchesPublicData?: boolean;
	/** Empties the payload once done, for payloads not to keep (a mail's text with its links). */
	forgetPayloadWhenDone?: boolean;
}

export interface JobRunnerOptions {
	/** Jobs this process runs at once. */
	concurrency: number;
	/** How often it looks for due jobs when it has room (ms). */
	pollMs: number;
	/** How long a claim holds without a heartbeat; renewed every third of it while the job runs. */
	leaseSeconds: number;
}

export interface JobRunner {
	readonly workerId: string;
	/** Looks for work now instead of at the next poll (after enqueueing, for example). */
	poke(): void;
	/** Stops claiming; jobs running now finish (or their lease lapses if the process ends first). */
	stop(): void;
}

/** This process's runners, woken by `wakeLocalRunners` after a job was enqueued here. */
const local = new Set<JobRunner>();

/** Call after the transaction that enqueued a job committed: this process looks at once instead of at its next poll. */
export function wakeLocalRunners(): void {
	for (const runner of local) runner.poke();
}

/**
 * Polls the jobs table for the queues it has handlers for, runs what it claims, and renews the leases
 * of what it runs. Every instance runs one; the claim (FOR UPDATE SKIP LOCKED) makes each job run on
 * one of them at a time, and a job whose process died is claimed again when its lease lapses.
 */
export function startJobRunner(deps: { db: Db; logger: Logger; onJobDone?: () => Promise<void> }, handlers: Record<string, JobHandler>, options: JobRunnerOptions): JobRunner {
	const workerId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
	const queues = Object.keys(handlers);
	const running = new Map<string, Promise<void>>();
	let stopped = false;
	let polling = false;
	let timer: NodeJS.Timeout | undefined;

	const schedule = (delay: number) => {
		if (stopped) return;
		clearTimeout(timer);
		timer = setTimeout(() => void poll(), delay);
		timer.unref();
	};

	async function poll(): Promise<void> {
		if (stopped || polling) return;
		polling = true;
		try {
			const claimed = await claimJobs(deps.db, queues, workerId, options.concurrency - running.size, options.leaseSeconds);
			for (const job of claimed) running.set(job.id, execute(job).finally(() => {
				running.delete(job.id);
				// Room again: look for the next job at once.
				schedule(0);
			}));
		} catch (error) {
			if (!stopped) deps.logger.error({ err: error }, 'claiming jobs failed');
		} finally {
			polling = false;
			schedule(options.pollMs);
		}
	}

	async function execute(job: JobRow): Promise<void> {
		const handler = handlers[job.queue]!;
		const log = deps.logger.child({ jobId: job.id, queue: job.queue, attempt: job.attempts, workerId });
		try {
			await handler.run(job.payload, job);
			if (await completeJob(deps.db, job, workerId, { forgetPayload: handler.forgetPayloadWhenDone === true })) {
				log.info('job done');
				// What the job wrote may be public (an import's activities): kept public answers are stale.
				if (handler.touchesPublicData !== false) await deps.onJobDone?.().catch((error: unknown) => log.error({ err: error }, 'after a job'));
			}
			else log.warn('job finished after its lease was lost; another worker holds it');
		} catch (error) {
			if (stopped) return;
			const message = error instanceof Error ? error.message : String(error);
			const outcome = await failJob(deps.db, job, workerId, message).catch(() => null);
			log.warn({ err: error, outcome }, 'job failed');
			if (outcome === 'dead') await handler.onDead?.(job.payload, message).catch((cause: unknown) => log.error({ err: cause }, 'recording a dead job failed'));
		}
	}

	const heartbeat = setInterval(() => {
		void extendLeases(deps.db, workerId, [...running.keys()], options.leaseSeconds).catch((error: unknown) => {
			if (!stopped) deps.logger.error({ err: error }, 'renewing job leases failed');
		});
	}, Math.max(1000, (options.leaseSeconds * 1000) / 3));
	heartbeat.unref();
	schedule(0);

	const runner: JobRunner = {
		workerId,
		poke: () => schedule(0),
		stop: () => {
			stopped = true;
			local.delete(runner);
			clearTimeout(timer);
			clearInterval(heartbeat);
		}
	};
	local.add(runner);
	return runner;
}
