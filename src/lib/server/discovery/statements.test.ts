/**
 * Prepared search statements, on an in-memory PGlite, or on PostgreSQL when DATABASE_URL is set (a
 * scratch database): one statement per shape, run with each search's values; on PostgreSQL every
 * run is still planned for its values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { openSuiteDatabase } from '../../../../tests/support/server';
import { seedActivities } from '../../../../bench/seed';
import { defaultFrameworksFolder, FrameworkCatalog, readFrameworkFiles } from '../frameworks/catalog';
import { SearchQuery } from './schemas';
import { pageQuery, planSearch } from './search';
import { preparedFor, statementName } from './statements';

let database: Database;
let close = async () => {};

beforeAll(async () => {
	({ database, close } = await openSuiteDatabase(2));
});
afterAll(() => close());

describe('prepared search statements', () => {
	it('are built once per shape and run with each call’s values', async () => {
		const db = database.db;
		let builds = 0;
		const statement = () =>
			preparedFor(db, 'test doubled', () => {
				builds++;
				return db.select({ n: sql<number>`${sql.placeholder('n')}::int * 2` }).from(sql`(select 1) as one`);
			});
		expect(await statement().execute({ n: 2 })).toEqual([{ n: 4 }]);
		expect(await statement().execute({ n: 21 })).toEqual([{ n: 42 }]);
		expect(statement()).toBe(statement());
		expect(builds).toBe(1);
	});

	it('refuse a value written into the statement, which every later call would get', () => {
		const db = database.db;
		expect(() => preparedFor(db, 'test fixed', () => db.select({ n: sql<number>`${5}::int` }).from(sql`(select 1) as one`))).toThrow(/holds a value \(5\)/);
	});

	it('give the rows Drizzle’s own mapping gives (dates, JSON, arrays, numbers, nulls, nested objects)', async () => {
		const db = database.db;
		const catalog = new FrameworkCatalog(readFrameworkFiles(defaultFrameworksFolder()));
		await seedActivities(db, catalog, 30);
		// Nearest first (its own statement form: the page is sorted before the join) and soonest first.
		for (const query of [{ near: '51.589,4.776', radiusKm: '100' }, {}]) {
			const plan = planSearch(SearchQuery.parse(query), { locale: 'en', now: new Date(), catalog });
			const values = { ...plan.values, limit: 20, offset: 0, countLimit: 101 };
			const ours = await preparedFor(db, `test page ${plan.shape}`, () => pageQuery(db, plan, 0, true)).execute(values);
			const drizzles = await pageQuery(db, plan, 0, true).prepare(`test_page_as_drizzle_maps_${plan.nearestFirst}`).execute(values);
			expect(ours.length).toBeGreaterThan(0);
			expect(ours).toEqual(drizzles);
			const first = ours[0] as unknown as { activity: { startsAt: unknown; title: unknown }; counted: unknown; distance: unknown };
			expect(first.activity.startsAt).toBeInstanceOf(Date);
			expect(typeof first.activity.title).toBe('object');
			expect(typeof first.counted).toBe('number');
			expect(typeof first.distance).toBe(plan.nearestFirst ? 'number' : 'undefined');
			expect(ours.some((row) => (row as { activity: { priceAmount: unknown } }).activity.priceAmount === null)).toBe(true);
		}
	});

	it('are named after their text', () => {
		expect(statementName('select 1')).toBe(statementName('select 1'));
		expect(statementName('select 1')).not.toBe(statementName('select 2'));
		expect(statementName('select 1')).toMatch(/^col_[0-9a-f]{24}$/);
	});

	it.runIf(process.env.DATABASE_URL)('are planned for every run’s values on PostgreSQL', async () => {
		const result = (await database.db.execute(sql`show plan_cache_mode`)) as unknown as { rows: { plan_cache_mode: string }[] };
		expect(result.rows[0]?.plan_cache_mode).toBe('force_custom_plan');
	});
});
