import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database';
import { AppError } from '../http/errors';
import type { FrameworkCatalog } from './catalog';
import { cityFrameworks } from './schema';

/**
 * The frameworks each city works with. A city that never chose works with all of them, so a new
 * framework file shows up everywhere until a city narrows its list.
 */
export async function frameworksOfCities(db: Db, catalog: FrameworkCatalog, cityIds: string[]): Promise<Map<string, string[]>> {
	const all = catalog.frameworks.map((f) => f.id);
	const rows = cityIds.length
		? await db.select().from(cityFrameworks).where(inArray(cityFrameworks.cityId, cityIds))
		: [];
	const chosen = new Map<string, string[]>();
	for (const row of rows) chosen.set(row.cityId, [...(chosen.get(row.cityId) ?? []), row.frameworkId]);
	return new Map(cityIds.map((id) => [id, chosen.get(id)?.filter((f) => all.includes(f)).sort((a, b) => all.indexOf(a) - all.indexOf(b)) ?? all]));
}

export async function frameworksOfCity(db: Db, catalog: FrameworkCatalog, cityId: string): Promise<string[]> {
	return (await frameworksOfCities(db, catalog, [cityId])).get(cityId)!;
}

/** Replaces a city's choice (inside the caller's transaction). */
export async function setCityFrameworks(db: Db, catalog: FrameworkCatalog, cityId: string, ids: readonly string[]): Promise<void> {
	const unknown = ids.filter((id) => !catalog.framework(id));
	if (unknown.length || ids.length === 0) {
		throw new AppError(
			'validation_failed',
			'Choose at least one of the frameworks the platform has.',
			unknown.length
				? unknown.map((id) => ({ path: 'frameworks', code: 'invalid_value', message: `Unknown framework "${id}".` }))
				: [{ path: 'frameworks', code: 'too_small', message: 'Choose at least one framework.', params: { origin: 'array', minimum: 1 } }]
		);
	}
	await db.delete(cityFrameworks).where(eq(cityFrameworks.cityId, cityId));
	await db.insert(cityFrameworks).values([...new Set(ids)].map((frameworkId) => ({ cityId, frameworkId })));
}
