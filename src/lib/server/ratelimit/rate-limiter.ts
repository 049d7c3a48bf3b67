import { lt, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import type { RateRule } from '../config/config';
import { rateLimitBuckets } from '../platform/schema';
import { AppError } from '../http/errors';

/**
 * Fixed-window counters kept in the database: one atomic upsert per attempt, so that every instance
 * on a shared PostgreSQL counts the same attempts.
 */
export async function consumeRateLimit(
	db: Db,
	key: string,
	rule: RateRule,
	now = new Date()
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
	const windowStartsAfter = new Date(now.getTime() - rule.windowSeconds * 1000);
	const [bucket] = await db
		.insert(rateLimitBuckets)
		.values({ key, windowStart: now, count: 1 })
		.onConflictDoUpdate({
			target: rateLimitBuckets.key,
			set: {
				count: sql`case when ${rateLimitBuckets.windowStart} <= ${windowStartsAfter.toISOString()}::timestamptz
					then 1 else ${rateLimitBuckets.count} + 1 end`,
				windowStart: sql`case when ${rateLimitBuckets.windowStart} <= ${windowStartsAfter.toISOString()}::timestamptz
					then ${now.toISOString()}::timestamptz else ${rateLimitBuckets.windowStart} end`
			}
		})
		.returning();
	if (!bucket || bucket.count <= rule.limit) return { allowed: true, retryAfterSeconds: 0 };
	const resetsAt = new Date(bucket.windowStart).getTime() + rule.windowSeconds * 1000;
	return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((resetsAt - now.getTime()) / 1000)) };
}

/** Consumes one attempt from every key, and throws a 429 with Retry-After when any is exhausted. */
export async function enforceRateLimit(db: Db, keys: string[], rule: RateRule, now = new Date()): Promise<void> {
	let retryAfter = 0;
	for (const key of keys) {
		const result = await consumeRateLimit(db, key, rule, now);
		if (!result.allowed) retryAfter = Math.max(retryAfter, result.retryAfterSeconds);
	}
	if (retryAfter > 0) {
		throw new AppError(
			'rate_limited',
			`Too many attempts. Try again in ${retryAfter} seconds.`,
			{ retryAfterSeconds: retryAfter },
			{ 'Retry-After': String(retryAfter) }
		);
	}
}

/** Drops counters whose window ended long ago; run from time to time. */
export async function pruneRateLimits(db: Db, olderThanSeconds = 86_400, now = new Date()): Promise<void> {
	await db.delete(rateLimitBuckets).where(lt(rateLimitBuckets.windowStart, new Date(now.getTime() - olderThanSeconds * 1000)));
}
