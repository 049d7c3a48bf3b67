/**
 * Issue 8's mixed load: searches, activity pages, the wallet page and awards at the same time, 50
 * connections in all, against the embedded default (PGlite), one instance on PostgreSQL and two
 * instances on the same PostgreSQL database. Reports throughput, p95 latency and errors per kind of
 * request, and the activity page alone at 50 connections.
 *
 * Searches send `Cache-Control: no-cache`, so every one runs its query (the shared response cache
 * would otherwise answer repeats); activity pages and the wallet are never cached. Each award signs a
 * new credential for an enrolment not awarded before.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { apiClient, type ApiClient } from '../tests/support/api';
import { openDatabase, type Db } from '../src/lib/server/db/database';
import { FrameworkCatalog, readFrameworkFiles } from '../src/lib/server/frameworks/catalog';
import { syncFrameworks } from '../src/lib/server/frameworks/loader';
import { root, startPlatform, type RunningServer, type Row } from './harness';
import { BENCH_CITIES, seedActivities } from './seed';

const ADMIN = { ADMIN_EMAIL: 'bench@example.org', ADMIN_PASSWORD: 'bench password' };
const SERVER_ENV = { ...ADMIN, RATE_LIMIT_REGISTER: '1000000/60', RATE_LIMIT_LOGIN: '1000000/60' };
const CATALOGUE = Number(process.env.BENCH_MIXED_ACTIVITIES ?? 10_000);
const WALLET_CREDENTIALS = 40;
/** Enrolments waiting for an award; more than the awards of all load phases together. */
const AWARDABLE = 8_000;
const WORDS = ['robotics', 'theatre', 'coding', 'music', 'climate', 'design', 'cooking', 'dance', 'podcast', 'gardening', 'leadership', 'photography'];

/** The kinds of request in the mix, with their share of the 50 connections. */
const MIX = [
	{ kind: 'search', connections: 20 },
	{ kind: 'activity page', connections: 20 },
	{ kind: 'wallet page', connections: 5 },
	{ kind: 'award', connections: 5 }
] as const;
type Kind = (typeof MIX)[number]['kind'];

interface Fixture {
	activityPaths: string[];
	holderToken: string;
	ownerToken: string;
	/** Enrolments not yet awarded, taken one per award request. */
	awardable: string[];
}

interface Measured {
	rps: number;
	p95: number;
	errors: number;
}

async function must(response: Promise<{ status: number; body: unknown }>, expected: number) {
	const res = await response;
	if (res.status !== expected) throw new Error(`mixed bench: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
	return res.body as Record<string, unknown> & { id: string; token: string };
}

async function seedCatalogue(db: Db) {
	const catalog = new FrameworkCatalog(readFrameworkFiles(path.join(root, 'frameworks')));
	await syncFrameworks(db, catalog.frameworks);
	await seedActivities(db, catalog, CATALOGUE);
}

function activityBody(organisationId: string, i: number) {
	return {
		organisationId,
		title: { en: `Mixed load workshop ${i}` },
		description: { en: 'Learn by doing, with others.' },
		type: 'workshop',
		mode: 'online',
		alwaysOpen: true,
		url: `https://example.org/mixed/${i}`,
		languages: ['en'],
		skills: ['lifecomp:P2', 'digcomp:3.4']
	};
}

/** Through the API: an organisation with an owner, a learner holding credentials, the activity to award. */
async function seedPeople(url: string) {
	const anonymous = apiClient(url);
	const admin = anonymous.as((await must(anonymous.post('/api/v1/auth/login', { email: ADMIN.ADMIN_EMAIL, password: ADMIN.ADMIN_PASSWORD }), 200)).token);
	const owner = anonymous.as((await must(anonymous.post('/api/v1/auth/register', { email: 'mixed-owner@example.org', password: 'a good password', name: 'Owner' }), 201)).token);
	const organisation = await must(owner.post('/api/v1/organisations', { city: BENCH_CITIES[0]!.slug, name: 'Mixed Load Club', type: 'youth_organisation', email: 'club@example.org' }), 201);
	await must(admin.post(`/api/v1/organisations/${organisation.id}/approve`), 200);
	const holder = anonymous.as((await must(anonymous.post('/api/v1/auth/register', { email: 'mixed-holder@example.org', password: 'a good password', name: 'Holder' }), 201)).token);
	for (let i = 0; i < WALLET_CREDENTIALS; i++) await awardOnce(owner, holder, organisation.id, i);
	const target = await must(owner.post('/api/v1/activities', activityBody(organisation.id, WALLET_CREDENTIALS)), 201);
	await must(owner.post(`/api/v1/activities/${target.id}/publish`), 200);
	return { ownerToken: owner.token!, holderToken: holder.token!, awardActivityId: target.id };
}

async function awardOnce(owner: ApiClient, holder: ApiClient, organisationId: string, i: number) {
	const activity = await must(owner.post('/api/v1/activities', activityBody(organisationId, i)), 201);
	await must(owner.post(`/api/v1/activities/${activity.id}/publish`), 200);
	const joined = await must(holder.post(`/api/v1/activities/${activity.id}/enrolments`), 201);
	await must(owner.post(`/api/v1/enrolments/${(joined.enrolment as { id: string }).id}/award`), 201);
}

/** In SQL, because registering thousands of learners through argon2 would take minutes: enrolled learners to award. */
async function seedAwardable(db: Db, activityId: string): Promise<string[]> {
	await db.execute(sql`
		insert into users (name, email, email_verified)
		select 'Mixed learner ' || g, 'mixed-learner-' || g || '@example.org', true from generate_series(1, ${AWARDABLE}::int) g`);
	const rows = await db.execute<{ id: string }>(sql`
		insert into enrolments (city_id, activity_id, user_id, status, joined_at)
		select a.city_id, a.id, u.id, 'joined', now() from activities a, users u
		where a.id = ${activityId}::uuid and u.email like 'mixed-learner-%'
		returning id`);
	return (rows as unknown as { rows: { id: string }[] }).rows.map((row) => row.id);
}

async function activityPaths(db: Db): Promise<string[]> {
	const rows = await db.execute<{ id: string }>(sql`select id from activities where status = 'published' order by id limit 500`);
	return (rows as unknown as { rows: { id: string }[] }).rows.map((row) => `/activities/${row.id}`);
}

/** One autocannon run of one kind of request against one server. */
function runKind(kind: Kind, url: string, connections: number, seconds: number, fixture: Fixture) {
	let n = 0;
	const next = <T>(list: T[]) => list[n++ % list.length]!;
	const base = { url, connections, duration: seconds };
	const options: autocannon.Options = (() => {
		switch (kind) {
			case 'search':
				return { ...base, headers: { 'cache-control': 'no-cache' }, requests: [{ setupRequest: (req) => ({ ...req, path: `/api/v1/activities?q=${next(WORDS)}&city=${BENCH_CITIES[n % BENCH_CITIES.length]!.slug}` }) }] };
			case 'activity page':
				return { ...base, requests: [{ setupRequest: (req) => ({ ...req, path: next(fixture.activityPaths) }) }] };
			case 'wallet page':
				return { ...base, headers: { authorization: `Bearer ${fixture.holderToken}` }, requests: [{ path: '/wallet' }] };
			case 'award':
				return {
					...base,
					method: 'POST',
					headers: { authorization: `Bearer ${fixture.ownerToken}`, 'content-type': 'application/json' },
					requests: [{ setupRequest: (req) => ({ ...req, method: 'POST', body: '{}', path: `/api/v1/enrolments/${fixture.awardable.pop()}/award` }) }]
				};
		}
	})();
	return autocannon(options);
}

/**
 * Runs the whole mix at once, each kind's connections split over the servers. Throughput adds up;
 * the p95 reported is the worst of the servers' (autocannon gives percentiles, not histograms).
 */
async function mixedLoad(urls: string[], seconds: number, fixture: Fixture, mix: readonly { kind: Kind; connections: number }[]) {
	const runs = mix.flatMap(({ kind, connections }) => urls.map(async (url) => ({ kind, result: await runKind(kind, url, Math.max(1, Math.round(connections / urls.length)), seconds, fixture) })));
	const results = await Promise.all(runs);
	const byKind = new Map<Kind, Measured>();
	for (const { kind, result } of results) {
		const seen = byKind.get(kind) ?? { rps: 0, p95: 0, errors: 0 };
		byKind.set(kind, {
			rps: seen.rps + result.requests.average,
			p95: Math.max(seen.p95, result.latency.p97_5 ?? result.latency.p99),
			errors: seen.errors + result.errors + result.timeouts + result.non2xx
		});
	}
	return byKind;
}

function rowsOf(deployment: string, measured: Map<Kind, Measured>, label: string): Row[] {
	const feature = `mixed load (${deployment})`;
	return [...measured].flatMap(([kind, m]) => [
		{ feature, metric: `${label}: ${kind} throughput`, value: m.rps, unit: 'req/s' },
		{ feature, metric: `${label}: ${kind} p95`, value: m.p95, unit: 'ms', ...(kind === 'activity page' && deployment.startsWith('PostgreSQL') ? { target: '< 50 ms', ok: m.p95 < 50 } : {}) },
		{ feature, metric: `${label}: ${kind} errors`, value: m.errors, unit: '', target: '= 0', ok: m.errors === 0 }
	]);
}

async function measure(deployment: string, urls: string[], seconds: number, fixture: Fixture): Promise<Row[]> {
	const pageAlone = await mixedLoad(urls, seconds, fixture, [{ kind: 'activity page', connections: 50 }]);
	const mixed = await mixedLoad(urls, seconds, fixture, MIX);
	return [...rowsOf(deployment, pageAlone, 'activity page alone, 50 connections'), ...rowsOf(deployment, mixed, 'mix of 50 connections')];
}

export async function run(options: { seconds: number; databaseUrl: string | undefined }): Promise<Row[]> {
	const rows: Row[] = [];
	const migrationsFolder = path.join(root, 'drizzle');

	// The embedded default. PGlite is opened by one process at a time: seed, serve, stop, seed, serve.
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'col-bench-mixed-'));
	try {
		let database = await openDatabase({ databaseUrl: undefined, dataDir, poolSize: 1, migrationsFolder });
		await database.migrate();
		await seedCatalogue(database.db);
		await database.close();
		let server = await startPlatform({ DATA_DIR: dataDir, ...SERVER_ENV });
		const people = await seedPeople(server.url).finally(() => server.stop());
		database = await openDatabase({ databaseUrl: undefined, dataDir, poolSize: 1, migrationsFolder });
		const fixture = { ...people, awardable: await seedAwardable(database.db, people.awardActivityId), activityPaths: await activityPaths(database.db) };
		await database.close();
		server = await startPlatform({ DATA_DIR: dataDir, ...SERVER_ENV });
		try {
			rows.push(...(await measure('PGlite', [server.url], options.seconds, fixture)));
		} finally {
			await server.stop();
		}
	} finally {
		fs.rmSync(dataDir, { recursive: true, force: true });
	}

	if (!options.databaseUrl) return rows;
	const database = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: null, poolSize: 4, migrationsFolder });
	const servers: RunningServer[] = [];
	try {
		await database.migrate();
		await seedCatalogue(database.db);
		const env = { DATABASE_URL: options.databaseUrl, ...SERVER_ENV };
		servers.push(await startPlatform(env));
		const people = await seedPeople(servers[0]!.url);
		const fixture = { ...people, awardable: await seedAwardable(database.db, people.awardActivityId), activityPaths: await activityPaths(database.db) };
		rows.push(...(await measure('PostgreSQL, 1 instance', [servers[0]!.url], options.seconds, fixture)));
		servers.push(await startPlatform(env));
		rows.push(...(await measure('PostgreSQL, 2 instances', servers.map((s) => s.url), options.seconds, fixture)));
	} finally {
		for (const server of servers) await server.stop();
		await database.close();
	}
	return rows;
}
