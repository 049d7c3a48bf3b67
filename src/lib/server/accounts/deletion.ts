import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { users } from './schema';
import { memberships, organisations } from '../organisations/schema';

export interface DeletionProblem {
	code: 'last_owner' | 'last_platform_admin';
	message: string;
}

/**
 * Runs just before an account is deleted. It refuses (returns the problem) when the deletion would
 * leave the platform without an admin, or an approved or suspended organisation without an owner.
 * Otherwise it deletes the pending organisations whose only member is the person leaving, since
 * nobody could ever manage them again.
 */
export async function prepareAccountDeletion(db: Db, userId: string): Promise<DeletionProblem | undefined> {
	const [user] = await db.select({ isPlatformAdmin: users.isPlatformAdmin }).from(users).where(eq(users.id, userId));
	if (user?.isPlatformAdmin) {
		const [{ count } = { count: 0 }] = await db
			.select({ count: sql<number>`count(*)::int` })
			.from(users)
			.where(and(eq(users.isPlatformAdmin, true), ne(users.id, userId)));
		if (count === 0) {
			return {
				code: 'last_platform_admin',
				message: 'You are the only platform admin: make someone else a platform admin first.'
			};
		}
	}
	const orphaned = await soleOwnerships(db, userId);
	const blocking = orphaned.filter((org) => !(org.status === 'pending' && org.memberCount === 1));
	if (blocking.length > 0) {
		return {
			code: 'last_owner',
			message: `You are the only owner of ${blocking.map((o) => o.name).join(', ')}: make another member an owner first.`
		};
	}
	if (orphaned.length > 0) {
		await db.delete(organisations).where(inArray(organisations.id, orphaned.map((o) => o.id)));
	}
	return undefined;
}

/** Organisations where this person is the only owner, with how many members each has. */
async function soleOwnerships(db: Db, userId: string) {
	return db
		.select({
			id: organisations.id,
			name: organisations.name,
			status: organisations.status,
			memberCount: sql<number>`(select count(*)::int from memberships m where m.organisation_id = ${organisations.id})`
		})
		.from(memberships)
		.innerJoin(organisations, eq(organisations.id, memberships.organisationId))
		.where(
			and(
				eq(memberships.userId, userId),
				eq(memberships.role, 'owner'),
				sql`not exists (select 1 from memberships o where o.organisation_id = ${memberships.organisationId}
					and o.role = 'owner' and o.user_id <> ${userId})`
			)
		);
}
