import { and, asc, count, eq, ilike, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import { cities } from '../cities/schema';
import { users } from '../accounts/schema';
import { memberships, organisations } from './schema';

export type OrganisationRow = typeof organisations.$inferSelect;
export type OrganisationWithCity = OrganisationRow & { city: { id: string; slug: string; name: string } };

const withCity = {
	organisation: organisations,
	city: { id: cities.id, slug: cities.slug, name: cities.name }
};

export async function findOrganisation(db: Db, id: string): Promise<OrganisationWithCity | undefined> {
	const [row] = await db
		.select(withCity)
		.from(organisations)
		.innerJoin(cities, eq(cities.id, organisations.cityId))
		.where(eq(organisations.id, id));
	return row ? { ...row.organisation, city: row.city } : undefined;
}

/** Only what a policy needs: which city the organisation belongs to. */
export async function findOrganisationScope(db: Db, id: string) {
	const [row] = await db
		.select({ id: organisations.id, cityId: organisations.cityId, status: organisations.status })
		.from(organisations)
		.where(eq(organisations.id, id));
	return row;
}

export async function searchOrganisations(
	db: Db,
	filter: { cityId?: string | undefined; status?: OrganisationRow['status'] | undefined; q?: string | undefined },
	page: { page: number; limit: number }
): Promise<{ items: OrganisationWithCity[]; total: number }> {
	// The city office is the city itself, not a provider to review or list.
	const conditions: SQL[] = [eq(organisations.kind, 'provider')];
	if (filter.cityId) conditions.push(eq(organisations.cityId, filter.cityId));
	if (filter.status) conditions.push(eq(organisations.status, filter.status));
	if (filter.q) conditions.push(ilike(organisations.name, `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`));
	const where = conditions.length ? and(...conditions) : undefined;
	const [rows, [totalRow]] = await Promise.all([
		db
			.select(withCity)
			.from(organisations)
			.innerJoin(cities, eq(cities.id, organisations.cityId))
			.where(where)
			.orderBy(asc(organisations.name), asc(organisations.id))
			.limit(page.limit)
			.offset((page.page - 1) * page.limit),
		db.select({ total: count() }).from(organisations).where(where)
	]);
	return { items: rows.map((row) => ({ ...row.organisation, city: row.city })), total: totalRow?.total ?? 0 };
}

export function listMembers(db: Db, organisationId: string) {
	return db
		.select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, since: memberships.createdAt })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.organisationId, organisationId))
		.orderBy(asc(users.name));
}

export async function countOwners(db: Db, organisationId: string): Promise<number> {
	const [row] = await db
		.select({ owners: count() })
		.from(memberships)
		.where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, 'owner')));
	return row?.owners ?? 0;
}

/**
 * Serialises changes to one organisation's memberships (row lock on the organisation), so that two
 * owners demoting each other at the same moment cannot leave it with none.
 */
export async function lockOrganisation(db: Db, organisationId: string): Promise<void> {
	await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId)).for('update');
}
