import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database';
import { organisations } from './schema';

/**
 * The city office: the organisation that is the city itself (see organisations/schema.ts). Cities
 * own playlists and award their badges through it; its members are the city's admins.
 */
export async function createCityOffice(db: Db, city: { id: string; name: string }, email: string, now: Date): Promise<void> {
	await db
		.insert(organisations)
		.values({ cityId: city.id, name: city.name, type: 'public_body', email, status: 'approved', kind: 'city_office', reviewedAt: now })
		.onConflictDoNothing();
}

/** The office of each city given, by city id. */
export async function cityOffices(db: Db, cityIds: readonly string[]): Promise<Map<string, string>> {
	if (cityIds.length === 0) return new Map();
	const rows = await db
		.select({ id: organisations.id, cityId: organisations.cityId })
		.from(organisations)
		.where(and(eq(organisations.kind, 'city_office'), inArray(organisations.cityId, [...cityIds])));
	return new Map(rows.map((row) => [row.cityId, row.id]));
}
