import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import { activities } from '../activities/schema';
import type { SearchPlan } from './search';
import { preparedFor } from './statements';

const a = activities;

type Counts = Record<string, number>;

async function countsOf(db: Db, plan: SearchPlan, name: string, column: typeof a.mode | typeof a.type): Promise<Counts> {
	const statement = preparedFor(db, `facet ${name} ${plan.shape}`, () =>
		db.select({ value: column, n: sql<number>`count(*)::int` }).from(a).where(plan.where).groupBy(column)
	);
	const rows = await statement.execute(plan.values);
	return Object.fromEntries(rows.map((r) => [r.value, r.n]));
}

async function countsOfArray(db: Db, plan: SearchPlan, name: string, column: SQL): Promise<Counts> {
	const statement = preparedFor(db, `facet ${name} ${plan.shape}`, () =>
		db
			.select({ value: sql<string>`v.value`, n: sql<number>`count(*)::int` })
			.from(sql`${a} cross join lateral unnest(${column}) as v(value)`)
			.where(plan.where)
			.groupBy(sql`v.value`)
	);
	const rows = await statement.execute(plan.values);
	return Object.fromEntries(rows.map((r) => [r.value, r.n]));
}

async function flagCounts(db: Db, plan: SearchPlan) {
	const statement = preparedFor(db, `facet flags ${plan.shape}`, () =>
		db
			.select({
				free: sql<number>`count(*) filter (where ${a.priceAmount} is null)::int`,
				quality: sql<number>`count(*) filter (where ${a.qualityLabel})::int`,
				international: sql<number>`count(*) filter (where ${a.international})::int`
			})
			.from(a)
			.where(plan.where)
	);
	const [flags] = await statement.execute(plan.values);
	return { free: flags?.free ?? 0, quality: flags?.quality ?? 0, international: flags?.international ?? 0 };
}

/** How many matching activities have each filter value, for the filter panel. */
export async function searchFacets(db: Db, plan: SearchPlan) {
	const [mode, type, framework, accessibility, language, flags] = await Promise.all([
		countsOf(db, plan, 'mode', a.mode),
		countsOf(db, plan, 'type', a.type),
		countsOfArray(db, plan, 'framework', sql`${a.frameworks}`),
		countsOfArray(db, plan, 'accessibility', sql`${a.accessibility}`),
		countsOfArray(db, plan, 'language', sql`${a.languages}`),
		flagCounts(db, plan)
	]);
	return { mode, type, framework, accessibility, language, ...flags };
}
