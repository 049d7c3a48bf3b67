/**
 * Prepared search statements, on an in-memory PGlite, or on PostgreSQL when DATABASE_URL is set (a
 * scratch database): one statement per shape, run with each search's values; on PostgreSQL every
 * run is still planned for its values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { openSuiteDatabase } from '../../../../tests/support/server';
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
