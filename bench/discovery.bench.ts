/**
 * Issue 3's search figures: 100,000 activities; three searches (text + two filters, skill + date range,
 * near + radius), each through HTTP and as the same SQL run directly, on PGlite and on PostgreSQL:
 * latency p50/p95 with one client, and throughput with 8 concurrent clients. On PostgreSQL the HTTP
 * and raw load phases alternate (see measureInterleaved); PGlite lets one process at a time open its
 * directory, so there raw SQL is measured first, then the server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { fillPlaceholders } from 'drizzle-orm';
import { openDatabase, PLAN_EVERY_RUN, type Db } from '../src/lib/server/db/database';
import { FrameworkCatalog, readFrameworkFiles } from '../src/lib/server/frameworks/catalog';
import { syncFrameworks } from '../src/lib/server/frameworks/loader';
import { SearchQuery } from '../src/lib/server/discovery/schemas';
import { pageQuery, planSearch } from '../src/lib/server/discovery/search';
import { statementName } from '../src/lib/server/discovery/statements';
import { load, root, startPlatform, type Row } from './harness';
import { serverProcesses } from '../scripts/processes.js';
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

type Measured = Map<string, { p50: number; p95: number; rps: number }>;

/** A first page of a search run raw, as the search does: the groups of matches in turn until the page is full. */
function rawSearch(runner: RawRunner, db: Db, catalog: FrameworkCatalog, query: string) {
	const statements = rawStatements(db, catalog, query);
	return async () => {
		let found = 0;
		for (let tier = 0; tier < statements.tiers && found < statements.limit; tier++) {
			found += (await runner(statements.page(tier, statements.limit - found))).rows.length;
		}
	};
}

// Past the shared response cache: every request runs the search.
const NO_CACHE = { 'cache-control': 'no-cache' };

async function httpSearch(url: string, query: string) {
	const target = `${url}/api/v1/activities?${query}`;
	const check = await fetch(target, { headers: NO_CACHE });
	if (!check.ok) throw new Error(`${target}: ${check.status} ${await check.text()}`);
	return { target, run: async () => (await fetch(target, { headers: NO_CACHE })).arrayBuffer() };
}

async function measureRaw(runner: RawRunner, db: Db, catalog: FrameworkCatalog, seconds: number): Promise<Measured> {
	const results: Measured = new Map();
	for (const search of SEARCHES) {
		const run = rawSearch(runner, db, catalog, queryString(search.query));
		results.set(search.name, { ...(await latencies(run, 100)), rps: await throughput(run, 8, seconds) });
	}
	return results;
}

async function measureHttp(url: string, seconds: number): Promise<Measured> {
	const results: Measured = new Map();
	for (const search of SEARCHES) {
		const { target, run } = await httpSearch(url, queryString(search.query));
		const latency = await latencies(run, 100);
		results.set(search.name, { ...latency, rps: (await load(target, { connections: 8, seconds, headers: NO_CACHE })).rps });
	}
	return results;
}

/**
 * HTTP and raw SQL side by side, when both can reach the database at once (PostgreSQL): the load
 * phases alternate in two-second slices, so that a machine whose speed drifts (a shared host's varies
 * by a third within a minute) weighs on both alike.
 */
async function measureInterleaved(url: string, runner: RawRunner, db: Db, catalog: FrameworkCatalog, seconds: number) {
	const raw: Measured = new Map();
	const http: Measured = new Map();
	const slices = Math.max(1, Math.round(seconds / 2));
	for (const search of SEARCHES) {
		const query = queryString(search.query);
		const rawRun = rawSearch(runner, db, catalog, query);
		const { target, run: httpRun } = await httpSearch(url, query);
		const rawLatency = await latencies(rawRun, 100);
		const httpLatency = await latencies(httpRun, 100);
		let rawDone = 0;
		let httpDone = 0;
		for (let slice = 0; slice < slices; slice++) {
			const rawSlice = async () => (rawDone += 2 * (await throughput(rawRun, 8, 2)));
			const httpSlice = async () => (httpDone += 2 * (await load(target, { connections: 8, seconds: 2, headers: NO_CACHE })).rps);
			// Each goes first in turn.
			if (slice % 2 === 0) await rawSlice().then(httpSlice);
			else await httpSlice().then(rawSlice);
		}
		raw.set(search.name, { ...rawLatency, rps: rawDone / (2 * slices) });
		http.set(search.name, { ...httpLatency, rps: httpDone / (2 * slices) });
	}
	return { raw, http };
}

/**
 * Latency and throughput rows of one engine; the targets are read on one server process, as `npm start`
 * runs by default. With `spread` (PostgreSQL), the throughput of one process per core
 * (SERVER_PROCESSES=auto) is shown beside it.
 */
function rows(engine: string, http: Measured, raw: Measured, targetMs: number, totals: Map<string, number>, spread?: { processes: number; http: Measured; raw: Measured }): Row[] {
	return SEARCHES.flatMap((search) => {
		const h = http.get(search.name)!;
		const r = raw.get(search.name)!;
		const feature = `search (${engine})`;
		const throughput: Row[] = [
			{ feature, metric: `${search.name}: 8 clients, HTTP${spread ? ' (1 process)' : ''} vs raw SQL`, value: h.rps, unit: 'req/s', baseline: r.rps, target: 'ratio >= 0.7', ok: h.rps / r.rps >= 0.7 }
		];
		if (spread) {
			const sh = spread.http.get(search.name)!;
			const sr = spread.raw.get(search.name)!;
			throughput.push({ feature, metric: `${search.name}: 8 clients, HTTP (${spread.processes} processes) vs raw SQL`, value: sh.rps, unit: 'req/s', baseline: sr.rps });
		}
		return [
			{ feature, metric: `${search.name} [${totals.get(search.name)} hits]: p50 HTTP vs raw SQL`, value: h.p50, unit: 'ms', baseline: r.p50 },
			{ feature, metric: `${search.name}: p95 HTTP vs raw SQL`, value: h.p95, unit: 'ms', baseline: r.p95, target: `p95 < ${targetMs} ms`, ok: h.p95 < targetMs },
			...throughput
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
		const raw = await measureRaw((s) => client.query(s.sql, s.params), database.db, catalog, options.seconds);
		await database.close();
		const server = await startPlatform({ DATA_DIR: dataDir });
		try {
			const totals = await hitCounts(server.url);
			out.push(...rows(`PGlite, ${options.size / 1000}k`, await measureHttp(server.url, options.seconds), raw, 25, totals));
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
		const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 8, options: PLAN_EVERY_RUN });
		// An idle connection closed by the server (the scratch database is dropped with force when a
		// phase fails) must not end the run before the phase's own error is reported.
		pool.on('error', () => {});
		const runner: RawRunner = (s) => pool.query({ name: s.name, text: s.sql, values: s.params });
		/** The searches on a server started with `env`, beside the raw SQL. */
		const measureServer = async (env: Record<string, string>) => {
			const server = await startPlatform({ DATABASE_URL: options.databaseUrl!, ...env });
			try {
				return { totals: await hitCounts(server.url), ...(await measureInterleaved(server.url, runner, database.db, catalog, options.seconds)) };
			} finally {
				await server.stop();
			}
		};
		try {
			const single = await measureServer({});
			// On PostgreSQL a machine's cores can serve in several processes (SERVER_PROCESSES).
			const processes = serverProcesses({ DATABASE_URL: options.databaseUrl, SERVER_PROCESSES: 'auto' });
			const spread = processes > 1 ? { processes, ...(await measureServer({ SERVER_PROCESSES: 'auto' })) } : undefined;
			out.push(...rows(`PostgreSQL, ${options.size / 1000}k`, single.http, single.raw, 15, single.totals, spread));
		} finally {
			await pool.end();
			await database.close();
		}
	}
	return out;
}
