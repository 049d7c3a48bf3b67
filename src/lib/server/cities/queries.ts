import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { cities, cityAdmins } from './schema';
import { users } from '../accounts/schema';

export type CityRow = typeof cities.$inferSelect;

export async function findCityBySlug(db: Db, slug: string): Promise<CityRow | undefined> {
	const [row] = await db.select().from(cities).where(eq(cities.slug, slug));
	return row;
}

export async function findCityById(db: Db, id: string): Promise<CityRow | undefined> {
	const [row] = await db.select().from(cities).where(eq(cities.id, id));
	return row;
}

export function listAllCities(db: Db): Promise<CityRow[]> {
	return db.select().from(cities).orderBy(asc(cities.name));
}

export function listAdminsOfCity(db: Db, cityId: string) {
	return db
		.select({ userId: users.id, name: users.name, email: users.email, since: cityAdmins.createdAt })
		.from(cityAdmins)
		.innerJoin(users, eq(users.id, cityAdmins.userId))
		.where(eq(cityAdmins.cityId, cityId))
		.orderBy(asc(users.name));
}
