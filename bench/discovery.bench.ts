/**
 * Issue 3's search figures: 100,000 activities; three searches (text + two filters, skill + date range,
 * near + radius), each through HTTP and as the same SQL run directly, on PGlite and on PostgreSQL:
 * latency p50/p95 with one client, and throughput with 8 concurrent clients.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { fillPlaceholders } from 'drizzle-orm';
import { openDatabase, planEveryRun, type Db } from '../src/lib/server/db/database';
import { FrameworkCatalog, readFrameworkFiles } from '../src/lib/server/frameworks/catalog';
import { syncFrameworks } from '../src/lib/server/frameworks/loader';
import { SearchQuery } from '../src/lib/server/discovery/schemas';
import { pageQuery, planSearch } from '../src/lib/server/discovery/search';
import { statementName } from '../src/lib/server/discovery/statements';
import { load, root, startPlatform, type Row } from './harness';
import { BENCH_CITIES, seedActivities } from './seed';

const SEARCHES = [
	{ name: 'text + two filters', query: 'q=robotics&mode=in_person&free=true' },
	{ name: 'skill + date range', query: 'skill=lifecomp:P&from=DATE_FROM&to=DATE_TO' },
	{ name: 'near + radius', query: `near=${BENCH_CITIES[0]!.lat},${BENCH_CITIES[0]!.lon}&radiusKm=5` }
];

function queryString(template: string): string {
	const from = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
	const to = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
	return template.replace('DATE_FROM', from).replace('DATE_TO', to);
}

/**
 * The SQL a first page of the search runs, as a raw client runs it: the statement per group of matches
 * (a relevance search reads the title matches, then the others if the page is not full), the first
 * carrying the capped count of all matches; on PostgreSQL under the name the app gives it, so that it
 * is parsed once per connection as the app's is.
 */
function rawStatements(db: Db, catalog: FrameworkCatalog, query: string) {
	const parsed = SearchQuery.parse(Object.fromEntries(new URLSearchParams(query)));
	const plan = planSearch(parsed, { locale: 'en', now: new Date(), catalog });
	const memo = new Map<string, RawStatement>();
	const page = (tier: number, limit: number) => {
		const key = `${tier}:${limit}`;
		if (!memo.has(key)) {
			const built = pageQuery(db, plan, tier, tier === 0).toSQL();
			const values = { ...plan.values, limit, offset: 0, countLimit: 5 * parsed.limit + 1 };
			memo.set(key, { name: statementName(built.sql), sql: built.sql, params: fillPlaceholders(built.params, values) });
		}
		return memo.get(key)!;
	};
	return { tiers: plan.tiers.length, page, limit: parsed.limit };
}

const percentile = (values: number[], p: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function latencies(run: () => Promise<unknown>, n: number) {
	for (let i = 0; i < 20; i++) await run();
	const times: number[] = [];
	for (let i = 0; i < n; i++) {
		const started = performance.now();
		await run();
		times.push(performance.now() - started);
	}
	return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function throughput(run: () => Promise<unknown>, clients: number, seconds: number) {
	let done = 0;
	const until = performance.now() + seconds * 1000;
	await Promise.all(
		Array.from({ length: clients }, async () => {
			while (performance.now() < until) {
				await run();
				done++;
			}
		})
	);
	return done / seconds;
}

interface RawStatement {
	name: string;
	sql: string;
	params: unknown[];
}
type RawRunner = (statement: RawStatement) => Promise<{ rows: unknown[] }>;

async function measureRaw(engine: string, runner: RawRunner, db: Db, catalog: FrameworkCatalog, seconds: number) {
	const results = new Map<string, { p50: number; p95: number; rps: number }>();
	for (const search of SEARCHES) {
		const statements = rawStatements(db, catalog, queryString(search.query));
		// As the search does: the groups of matches in turn until the page is full.
		const run = async () => {
			let found = 0;
			for (let tier = 0; tier < statements.tiers && found < statements.limit; tier++) {
				found += (await runner(statements.page(tier, statements.limit - found))).rows.length;
			}
		};
		const latency = await latencies(run, 100);
		results.set(search.name, { ...latency, rps: await throughput(run, 8, seconds) });
	}
	void engine;
	return results;
}

async function measureHttp(url: string, seconds: number) {
	const results = new Map<string, { p50: number; p95: number; rps: number }>();
	// Past the shared response cache: every request runs the search.
	const headers = { 'cache-control': 'no-cache' };
	for (const search of SEARCHES) {
		const target = `${url}/api/v1/activities?${queryString(search.query)}`;
		const check = await fetch(target, { headers });
		if (!check.ok) throw new Error(`${target}: ${check.status} ${await check.text()}`);
		const latency = await latencies(async () => (await fetch(target, { headers })).arrayBuffer(), 100);
		const loaded = await load(target, { connections: 8, seconds, headers });
		results.set(search.name, { ...latency, rps: loaded.rps });
	}
	return results;
}

function rows(engine: string, http: Map<string, { p50: number; p95: number; rps: number }>, raw: Map<string, { p50: number; p95: number; rps: number }>, targetMs: number, totals: Map<string, number>): Row[] {
	return SEARCHES.flatMap((search) => {
		const h = http.get(search.name)!;
		const r = raw.get(search.name)!;
		const feature = `search (${engine}, 100k)`;
		return [
			{ feature, metric: `${search.name} [${totals.get(search.name)} hits]: p50 HTTP vs raw SQL`, value: h.p50, unit: 'ms', baseline: r.p50 },
			{ feature, metric: `${search.name}: p95 HTTP vs raw SQL`, value: h.p95, unit: 'ms', baseline: r.p95, target: `p95 < ${targetMs} ms`, ok: h.p95 < targetMs },
			{ feature, metric: `${search.name}: 8 clients, HTTP vs raw SQL`, value: h.rps, unit: 'req/s', baseline: r.rps, target: 'ratio >= 0.7', ok: h.rps / r.rps >= 0.7 }
		];
	});
}

async function hitCounts(url: string) {
	const totals = new Map<string, number>();
	for (const search of SEARCHES) {
		const body = (await (await fetch(`${url}/api/v1/activities?${queryString(search.query)}`, { headers: { 'cache-control': 'no-cache' } })).json()) as { total: number };
		totals.set(search.name, body.total);
	}
	return totals;
}

export async function run(options: { seconds: number; databaseUrl: string | undefined; size: number }): Promise<Row[]> {
	const catalog = new FrameworkCatalog(readFrameworkFiles(path.join(root, 'frameworks')));
	const out: Row[] = [];

	// PGlite: seed and measure raw SQL in this process, then hand the directory to the server.
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'col-search-'));
	try {
		const database = await openDatabase({ databaseUrl: undefined, dataDir, poolSize: 1, migrationsFolder: path.join(root, 'drizzle') });
		await database.migrate();
		await syncFrameworks(database.db, catalog.frameworks);
		const seeded = performance.now();
		await seedActivities(database.db, catalog, options.size);
		out.push({ feature: `search (PGlite, ${options.size / 1000}k)`, metric: 'seeding', value: (performance.now() - seeded) / 1000, unit: 's' });
		const client = (database.db as unknown as { $client: PGlite }).$client;
		const raw = await measureRaw('PGlite', (s) => client.query(s.sql, s.params), database.db, catalog, options.seconds);
		await database.close();
		const server = await startPlatform({ DATA_DIR: dataDir });
		try {
			const totals = await hitCounts(server.url);
			out.push(...rows('PGlite', await measureHttp(server.url, options.seconds), raw, 25, totals));
		} finally {
			await server.stop();
		}
	} finally {
		fs.rmSync(dataDir, { recursive: true, force: true });
	}

	if (options.databaseUrl) {
		const database = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: null, poolSize: 8, migrationsFolder: path.join(root, 'drizzle') });
		await database.migrate();
		await syncFrameworks(database.db, catalog.frameworks);
		const seeded = performance.now();
		await seedActivities(database.db, catalog, options.size);
		out.push({ feature: `search (PostgreSQL, ${options.size / 1000}k)`, metric: 'seeding', value: (performance.now() - seeded) / 1000, unit: 's' });
		await database.close();
		const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 8 });
		planEveryRun(pool);
		const raw = await measureRaw('PostgreSQL', (s) => pool.query({ name: s.name, text: s.sql, values: s.params }), database.db, catalog, options.seconds);
		await pool.end();
		const server = await startPlatform({ DATABASE_URL: options.databaseUrl });
		try {
			const totals = await hitCounts(server.url);
			out.push(...rows('PostgreSQL', await measureHttp(server.url, options.seconds), raw, 15, totals));
		} finally {
			await server.stop();
		}
	}
	return out;
}
