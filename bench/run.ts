/**
 * `npm run bench`: builds the app if needed, runs every feature's benchmark against the real server
 * and prints one table with ratios against baselines measured in the same run. Not part of npm test.
 *
 * BENCH_SECONDS sets the length of each load phase (default 10); BENCH_DATABASE_URL (or
 * DATABASE_URL) names a PostgreSQL server on which a scratch database is created for the run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { printTable, root, type Row } from './harness';
import * as foundation from './foundation.bench';
import * as discovery from './discovery.bench';
import * as badges from './badges.bench';
import * as imports from './imports.bench';
import * as wallet from './wallet.bench';
import * as stats from './stats.bench';
import * as mixed from './mixed.bench';

async function scratchDatabase(serverUrl: string | undefined) {
	if (!serverUrl) return undefined;
	const name = `col_bench_${process.pid}`;
	const admin = new pg.Client({ connectionString: serverUrl });
	try {
		await admin.connect();
	} catch (error) {
		console.warn(`PostgreSQL not reachable at ${serverUrl} (${(error as Error).message}); PostgreSQL figures are skipped.`);
		return undefined;
	}
	await admin.query(`drop database if exists ${name} with (force)`);
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			const client = new pg.Client({ connectionString: serverUrl });
			await client.connect();
			await client.query(`drop database if exists ${name} with (force)`);
			await client.end();
		}
	};
}

if (!fs.existsSync(path.join(root, 'build', 'handler.js'))) {
	const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	if (built.status !== 0) process.exit(1);
}

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const size = Number(process.env.BENCH_ACTIVITIES ?? 100_000);
/** `npm run bench -- search` runs only the benchmarks whose name is given. */
const only = process.argv.slice(2);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const suites = [
	{ name: 'foundation', run: (databaseUrl: string | undefined) => foundation.run({ seconds, databaseUrl }) },
	{ name: 'search', run: (databaseUrl: string | undefined) => discovery.run({ seconds, databaseUrl, size }) },
	{ name: 'badges', run: (databaseUrl: string | undefined) => badges.run({ databaseUrl }) },
	{ name: 'imports', run: (databaseUrl: string | undefined) => imports.run({ databaseUrl }) },
	{ name: 'wallet', run: (databaseUrl: string | undefined) => wallet.run({ seconds, databaseUrl }) },
	{ name: 'stats', run: (databaseUrl: string | undefined) => stats.run({ seconds, databaseUrl }) },
	{ name: 'mixed', run: (databaseUrl: string | undefined) => mixed.run({ seconds, databaseUrl }) }
].filter((suite) => only.length === 0 || only.includes(suite.name));
const rows: Row[] = [];
for (const suite of suites) {
	// Each suite gets a scratch database of its own.
	const database = await scratchDatabase(serverUrl);
	try {
		rows.push(...(await suite.run(database?.url)));
	} finally {
		await database?.drop();
	}
}
console.log(`\nCities of Learning benchmarks (${new Date().toISOString()}, ${seconds} s load phases)\n`);
printTable(rows);
process.exit(rows.some((row) => row.ok === false) ? 2 : 0);
