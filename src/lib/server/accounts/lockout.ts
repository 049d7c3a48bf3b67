import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import type { RateRule } from '../config/config';
import { AppError } from '../http/errors';
import { recordAudit } from '../platform/audit';
import { signInFailures } from '../platform/schema';
import { users } from './schema';

/**
 * Account lockout: after `rule.limit` failed sign-ins to one address within `rule.windowSeconds`,
 * sign-in to it is refused for as long again, even with the right password, from every instance.
 * It complements the per-address rate limit, which a guesser spreading attempts over many networks
 * would not reach. A successful sign-in clears the count; a password reset lifts the lock.
 */
const key = (email: string) => email.trim().toLowerCase();

/** Throws `account_locked` (with Retry-After) while the address is locked. */
export async function refuseWhileLocked(db: Db, email: string, now: Date): Promise<void> {
	const [row] = await db.select({ lockedUntil: signInFailures.lockedUntil }).from(signInFailures).where(eq(signInFailures.email, key(email)));
	if (row?.lockedUntil && row.lockedUntil > now) throw lockedError(row.lockedUntil, now);
}

/** Counts a failed sign-in; locks the address (and records it in the audit log) on reaching the limit. */
export async function recordFailedSignIn(db: Db, email: string, rule: RateRule, now: Date): Promise<void> {
	const windowStartsAfter = new Date(now.getTime() - rule.windowSeconds * 1000).toISOString();
	const expired = sql`${signInFailures.windowStart} <= ${windowStartsAfter}::timestamptz`;
	const locked = await db.transaction(async (tx) => {
		const [row] = await tx
			.insert(signInFailures)
			.values({ email: key(email), windowStart: now, count: 1 })
			.onConflictDoUpdate({
				target: signInFailures.email,
				set: {
					count: sql`case when ${expired} then 1 else ${signInFailures.count} + 1 end`,
					windowStart: sql`case when ${expired} then ${now.toISOString()}::timestamptz else ${signInFailures.windowStart} end`
				}
			})
			.returning();
		// Exactly the failure that reaches the limit locks, so the lock is recorded once.
		if (!row || row.count !== rule.limit) return undefined;
		const until = new Date(now.getTime() + rule.windowSeconds * 1000);
		await tx.update(signInFailures).set({ lockedUntil: until }).where(eq(signInFailures.email, row.email));
		const [user] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, row.email));
		if (user) {
			await recordAudit(tx, { cityId: null, actorId: null, action: 'account.locked', targetType: 'user', targetId: user.id, data: { failures: row.count, until: until.toISOString() } });
		}
		return until;
	});
	if (locked) throw lockedError(locked, now);
}

/** Forgets the failures of an address: after a successful sign-in or a password reset. */
export async function clearSignInFailures(db: Db, email: string): Promise<void> {
	await db.delete(signInFailures).where(eq(signInFailures.email, key(email)));
}

function lockedError(until: Date, now: Date): AppError {
	const retryAfter = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
	const minutes = Math.ceil(retryAfter / 60);
	return new AppError(
		'account_locked',
		`Too many failed sign-ins to this account. Sign-in is locked for ${minutes} minutes; resetting the password unlocks it now.`,
		{ retryAfterSeconds: retryAfter, minutes },
		{ 'Retry-After': String(retryAfter) }
	);
}
