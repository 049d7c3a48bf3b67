/**
 * Foundation figures of issue 2: first start on an empty data directory, restart, idle memory, and
 * GET /api/v1/cities/{slug} throughput beside a bare node:http server returning the same JSON.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bareServer, load, startPlatform, type Row } from './harness';

const CITY = { slug: 'breda', name: 'Breda', locales: ['nl', 'en'], defaultLocale: 'nl', timezone: 'Europe/Amsterdam', center: { lat: 51.589, lon: 4.776 }, tagline: { nl: 'Leren in Breda', en: 'Learning in Breda' } };
const ADMIN = { ADMIN_EMAIL: 'bench@example.org', ADMIN_PASSWORD: 'bench password' };

async function seedCity(url: string): Promise<void> {
	const login = await fetch(`${url}/api/v1/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email: ADMIN.ADMIN_EMAIL, password: ADMIN.ADMIN_PASSWORD })
	});
	const { token } = (await login.json()) as { token: string };
	const created = await fetch(`${url}/api/v1/cities`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
		body: JSON.stringify(CITY)
	});
	if (created.status !== 201 && created.status !== 409) throw new Error(`seeding the city failed: ${created.status}`);
}

async function throughput(engine: string, url: string, seconds: number): Promise<Row[]> {
	const target = `${url}/api/v1/cities/${CITY.slug}`;
	const body = await (await fetch(target)).text();
	const bare = await bareServer(body);
	try {
		// Warm both up, then measure each at 8 connections.
		await load(target, { connections: 8, seconds: 2 });
		await load(bare.url, { connections: 8, seconds: 2 });
		const app = await load(target, { connections: 8, seconds });
		const baseline = await load(bare.url, { connections: 8, seconds });
		// The same request past the response cache: the cost of SvelteKit, the hooks and the query.
		const uncached = await load(target, { connections: 8, seconds, headers: { 'cache-control': 'no-cache' } });
		const feature = `foundation (${engine})`;
		return [
			{ feature, metric: 'GET /api/v1/cities/{slug}, 8 connections', value: app.rps, unit: 'req/s', baseline: baseline.rps, target: 'ratio >= 0.5', ok: app.rps / baseline.rps >= 0.5 },
			{ feature, metric: 'same, p97.5 latency', value: app.p95, unit: 'ms', baseline: baseline.p95 },
			{ feature, metric: 'same, bypassing the response cache', value: uncached.rps, unit: 'req/s', baseline: baseline.rps },
			{ feature, metric: 'same uncached, p97.5 latency', value: uncached.p95, unit: 'ms', baseline: baseline.p95 }
		];
	} finally {
		await bare.close();
	}
}

export async function run(options: { seconds: number; databaseUrl: string | undefined }): Promise<Row[]> {
	const rows: Row[] = [];
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'col-bench-'));
	try {
		const first = await startPlatform({ DATA_DIR: dataDir, ...ADMIN });
		rows.push({ feature: 'foundation (PGlite)', metric: 'first start to healthy, empty data dir', value: first.startedInMs / 1000, unit: 's', target: '< 15 s', ok: first.startedInMs < 15_000 });
		await seedCity(first.url);
		await first.stop();

		const again = await startPlatform({ DATA_DIR: dataDir, ...ADMIN });
		rows.push({ feature: 'foundation (PGlite)', metric: 'restart to healthy', value: again.startedInMs / 1000, unit: 's', target: '< 3 s', ok: again.startedInMs < 3_000 });
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const idle = again.rssMb();
		rows.push({ feature: 'foundation (PGlite)', metric: 'idle memory (RSS) after restart', value: idle, unit: 'MB', target: '< 500 MB', ok: idle < 500 });
		rows.push(...(await throughput('PGlite', again.url, options.seconds)));
		rows.push({ feature: 'foundation (PGlite)', metric: 'memory (RSS) after the load', value: again.rssMb(), unit: 'MB' });
		await again.stop();
	} finally {
		fs.rmSync(dataDir, { recursive: true, force: true });
	}

	if (options.databaseUrl) {
		const server = await startPlatform({ DATABASE_URL: options.databaseUrl, ...ADMIN });
		try {
			rows.push({ feature: 'foundation (PostgreSQL)', metric: 'start to healthy', value: server.startedInMs / 1000, unit: 's' });
			await seedCity(server.url);
			rows.push(...(await throughput('PostgreSQL', server.url, options.seconds)));
			rows.push({ feature: 'foundation (PostgreSQL)', metric: 'idle memory (RSS) after the load', value: server.rssMb(), unit: 'MB' });
		} finally {
			await server.stop();
		}
	}
	return rows;
}
