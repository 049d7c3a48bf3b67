/**
 * Operator commands, run as a person would: the CLI on a real data directory (and on PostgreSQL when
 * DATABASE_URL is set), the data-directory lock, and a backup/restore round trip.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/api';
import { createSuiteDatabase, startServer } from '../support/server';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'col-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string>) {
	const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], {
		cwd: root,
		env: { PATH: process.env.PATH, ...env },
		encoding: 'utf8',
		timeout: 120_000
	});
	return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

const city = ['create-city', '--slug', 'vilnius', '--name', 'Vilnius', '--locales', 'lt,en', '--timezone', 'Europe/Vilnius', '--lat', '54.687', '--lon', '25.279'];
const admin = ['create-admin', '--email', 'ops@example.org', '--name', 'Ops', '--password', 'ops password 1'];

describe('the CLI on the embedded database', () => {
	const dataDir = path.join(tmp, 'data');
	const env = { DATA_DIR: dataDir };

	it('migrates, creates an admin and a city, and validates its input', () => {
		expect(cli(['migrate'], env)).toMatchObject({ code: 0 });
		expect(fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
		expect(cli(admin, env).out).toContain('Created platform admin ops@example.org');
		expect(cli(city, env).out).toContain('Created the city Vilnius');

		const bad = cli(['create-city', '--slug', 'X!', '--name', 'X', '--locales', 'xx', '--timezone', 'Mars/Base', '--lat', '100', '--lon', '0'], env);
		expect(bad.code).toBe(1);
		for (const field of ['slug', 'locales.0', 'timezone', 'center.lat']) expect(bad.out).toContain(field);
		const unknown = cli(['frobnicate'], env);
		expect(unknown.code).toBe(1);
		expect(unknown.out).toContain('Unknown command');
	});

	it('refuses to open a data directory that a running server holds, and so does a second server', async () => {
		const server = await startServer({ dataDir });
		try {
			const blocked = cli(['create-city', ...city.slice(1)], env);
			expect(blocked.code).toBe(1);
			expect(blocked.out).toContain('is in use by another process');

			const second = spawnSync(process.execPath, [path.join(root, 'scripts/start.js')], {
				cwd: root,
				env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', SKIP_BUILD: '1' },
				encoding: 'utf8',
				timeout: 60_000
			});
			expect(second.status).not.toBe(0);
			const output = `${second.stdout}${second.stderr}`;
			expect(output).toContain('is in use by another process');
			expect(output).not.toMatch(/\n\s+at /); // a message, not a stack trace
			expect((await apiClient(server.url).get('/api/v1/cities/vilnius')).status).toBe(200);
		} finally {
			await server.stop();
		}
	});

	it('backs up and restores the embedded database', async () => {
		const archive = path.join(tmp, 'backup.tar.gz');
		expect(cli(['backup', '--out', archive], env).code).toBe(0);
		const restoredDir = path.join(tmp, 'restored');
		expect(cli(['restore', '--from', archive], { DATA_DIR: restoredDir }).code).toBe(0);
		expect(cli(['restore', '--from', archive], { DATA_DIR: restoredDir }).out).toContain('--force');

		const server = await startServer({ dataDir: restoredDir });
		try {
			const api = apiClient(server.url);
			expect((await api.get('/api/v1/cities/vilnius')).body.name).toBe('Vilnius');
			const login = await api.post('/api/v1/auth/login', { email: 'ops@example.org', password: 'ops password 1' });
			expect(login.body.user.isPlatformAdmin).toBe(true);
		} finally {
			await server.stop();
		}
	});
});

describe.runIf(process.env.DATABASE_URL)('the CLI on PostgreSQL', () => {
	it('backs up one database and restores it into another', async () => {
		const source = await createSuiteDatabase(process.env.DATABASE_URL!);
		const target = await createSuiteDatabase(process.env.DATABASE_URL!);
		try {
			expect(cli(['migrate'], { DATABASE_URL: source.url }).code).toBe(0);
			expect(cli(admin, { DATABASE_URL: source.url }).code).toBe(0);
			expect(cli(city, { DATABASE_URL: source.url }).code).toBe(0);
			const dump = path.join(tmp, 'pg.dump');
			expect(cli(['backup', '--out', dump], { DATABASE_URL: source.url }).code).toBe(0);
			expect(cli(['restore', '--from', dump], { DATABASE_URL: target.url }).code).toBe(1);
			expect(cli(['restore', '--from', dump, '--force'], { DATABASE_URL: target.url })).toMatchObject({ code: 0 });

			const server = await startServer({ databaseUrl: target.url });
			try {
				expect((await apiClient(server.url).get('/api/v1/cities/vilnius')).status).toBe(200);
			} finally {
				await server.stop();
			}
		} finally {
			await source.drop();
			await target.drop();
		}
	});
});
