import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import { activities } from '../activities/schema';

const a = activities;

type Counts = Record<string, number>;

async function countsOf(db: Db, where: SQL, column: typeof a.mode | typeof a.type): Promise<Counts> {
	const rows = await db.select({ value: column, n: sql<number>`count(*)::int` }).from(a).where(where).groupBy(column);
	return Object.fromEntries(rows.map((r) => [r.value, r.n]));
}

async function countsOfArray(db: Db, where: SQL, column: SQL): Promise<Counts> {
	const rows = await db
		.select({ value: sql<string>`v.value`, n: sql<number>`count(*)::int` })
		.from(sql`${a} cross join lateral unnest(${column}) as v(value)`)
		.where(where)
		.groupBy(sql`v.value`);
	return Object.fromEntries(rows.map((r) => [r.value, r.n]));
}

/** How many matching activities have each filter value, for the filter panel. */
export async function searchFacets(db: Db, where: SQL) {
	const [mode, type, framework, accessibility, language, [flags]] = await Promise.all([
		countsOf(db, where, a.mode),
		countsOf(db, where, a.type),
		countsOfArray(db, where, sql`${a.frameworks}`),
		countsOfArray(db, where, sql`${a.accessibility}`),
		countsOfArray(db, where, sql`${a.languages}`),
		db
			.select({
				free: sql<number>`count(*) filter (where ${a.priceAmount} is null)::int`,
				quality: sql<number>`count(*) filter (where ${a.qualityLabel})::int`,
				international: sql<number>`count(*) filter (where ${a.international})::int`
			})
			.from(a)
			.where(where)
	]);
	return { mode, type, framework, accessibility, language, free: flags?.free ?? 0, quality: flags?.quality ?? 0, international: flags?.international ?? 0 };
}
