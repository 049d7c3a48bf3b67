/**
 * Operator commands, run as a person would: the CLI on a real data directory (and on PostgreSQL when
 * DATABASE_URL is set), the data-directory lock, and a backup/restore round trip.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { apiClient } from '../support/api';
import { activityBody } from '../support/factories';
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

	it('backs up and restores the embedded database with its files and credential key, on another machine', { timeout: 180_000 }, async () => {
		const source = await startServer({ dataDir });
		const port = Number(new URL(source.url).port);
		const seeded = await seedIssuer(source.url).finally(() => source.stop());
		const archive = path.join(tmp, 'backup.tar.gz');
		const written = cli(['backup', '--out', archive], env);
		expect(written.out).toContain('1 uploaded files, the credential key');
		expect(written.code).toBe(0);

		// "Another machine": an empty data directory, restored, served on the same address.
		const restoredDir = path.join(tmp, 'restored');
		expect(cli(['restore', '--from', archive], { DATA_DIR: restoredDir }).code).toBe(0);
		const again = cli(['restore', '--from', archive], { DATA_DIR: restoredDir });
		expect(again.code).toBe(1);
		expect(again.out).toContain('--force');
		const server = await startServer({ dataDir: restoredDir, port });
		try {
			const api = apiClient(server.url);
			const login = await api.post('/api/v1/auth/login', { email: 'ops@example.org', password: 'ops password 1' });
			expect(login.body.user.isPlatformAdmin).toBe(true);
			await expectRestored(server.url, seeded);
		} finally {
			await server.stop();
		}
	});

	it('still restores a database-only backup of an earlier version', { timeout: 120_000 }, async () => {
		// What `backup` wrote before it carried files and the key: PGlite's data directory alone, gzipped.
		const archive = path.join(tmp, 'legacy.tar.gz');
		const script = `import { PGlite } from '@electric-sql/pglite'; import fs from 'node:fs';
			const db = new PGlite(${JSON.stringify(path.join(dataDir, 'pg'))});
			await db.waitReady;
			fs.writeFileSync(${JSON.stringify(archive)}, Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer()));
			await db.close();`;
		const dumped = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, env: { PATH: process.env.PATH }, encoding: 'utf8', timeout: 60_000 });
		expect(dumped.status, `${dumped.stdout}${dumped.stderr}`).toBe(0);
		const legacyDir = path.join(tmp, 'legacy');
		expect(cli(['restore', '--from', archive], { DATA_DIR: legacyDir })).toMatchObject({ code: 0 });
		expect(cli(['create-city', '--slug', 'kaunas', '--name', 'Kaunas', '--locales', 'lt', '--timezone', 'Europe/Vilnius', '--lat', '54.9', '--lon', '23.9'], { DATA_DIR: legacyDir }).code).toBe(0);
	});
});

/**
 * What a backup must carry for a platform to come back whole: an organisation with a signing key (sealed
 * with the credential key), an uploaded image, and a credential it signed.
 */
async function seedIssuer(url: string) {
	const api = apiClient(url);
	const admin = api.as((await api.post('/api/v1/auth/login', { email: 'ops@example.org', password: 'ops password 1' })).body.token);
	const owner = api.as((await api.post('/api/v1/auth/register', { email: `owner-${Date.now()}@example.org`, password: 'a good password', name: 'Owner' })).body.token);
	const organisation = (await owner.post('/api/v1/organisations', { city: 'vilnius', name: 'Vilnius Makers', type: 'youth_organisation', email: 'makers@example.org' })).body;
	expect((await admin.post(`/api/v1/organisations/${organisation.id}/approve`)).status).toBe(200);
	const activity = (await owner.post('/api/v1/activities', activityBody(organisation.id, { title: { en: 'Soldering club' }, languages: ['lt'] }))).body;
	expect((await owner.post(`/api/v1/activities/${activity.id}/publish`)).status).toBe(200);
	const png = await sharp({ create: { width: 30, height: 30, channels: 3, background: '#7a3' } }).png().toBuffer();
	const image = await fetch(`${url}/api/v1/activities/${activity.id}/image`, { method: 'PUT', headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'image/png' }, body: new Blob([new Uint8Array(png)]) });
	expect(image.status).toBe(200);
	const learner = api.as((await api.post('/api/v1/auth/register', { email: `learner-${Date.now()}@example.org`, password: 'a good password', name: 'Learner' })).body.token);
	const enrolment = (await learner.post(`/api/v1/activities/${activity.id}/enrolments`)).body.enrolment;
	const awarded = await owner.post(`/api/v1/enrolments/${enrolment.id}/award`);
	expect(awarded.status).toBe(201);
	return { ownerToken: owner.token!, activityId: activity.id, imageUrl: new URL(((await image.json()) as { image: { url: string } }).image.url).pathname, credentialId: awarded.body.credential.id as string };
}

async function expectRestored(url: string, seeded: Awaited<ReturnType<typeof seedIssuer>>) {
	const api = apiClient(url);
	expect((await fetch(`${url}${seeded.imageUrl}`)).status).toBe(200);
	const credential = await (await fetch(`${url}/credentials/${seeded.credentialId}.json`)).json();
	const verified = await api.post('/api/v1/verify', { credential });
	expect(verified.body, JSON.stringify(verified.body).slice(0, 1500)).toMatchObject({ valid: true, issuer: { local: true } });
	// The restored issuer can still sign: its key opens with the restored credential key.
	const owner = api.as(seeded.ownerToken);
	const newcomer = api.as((await api.post('/api/v1/auth/register', { email: `after-${Date.now()}@example.org`, password: 'a good password', name: 'After' })).body.token);
	const enrolment = (await newcomer.post(`/api/v1/activities/${seeded.activityId}/enrolments`)).body.enrolment;
	const awarded = await owner.post(`/api/v1/enrolments/${enrolment.id}/award`);
	expect(awarded.status, JSON.stringify(awarded.body)).toBe(201);
}

describe.runIf(process.env.DATABASE_URL)('the CLI on PostgreSQL', () => {
	it('backs up one database with its files and key and restores it into another', { timeout: 180_000 }, async () => {
		const source = await createSuiteDatabase(process.env.DATABASE_URL!);
		const target = await createSuiteDatabase(process.env.DATABASE_URL!);
		// DATA_DIR holds the uploaded files and the credential key beside the PostgreSQL database.
		const [sourceDir, targetDir] = [path.join(tmp, 'pg-source'), path.join(tmp, 'pg-target')];
		try {
			expect(cli(['migrate'], { DATABASE_URL: source.url }).code).toBe(0);
			expect(cli(admin, { DATABASE_URL: source.url }).code).toBe(0);
			expect(cli(city, { DATABASE_URL: source.url }).code).toBe(0);
			const first = await startServer({ databaseUrl: source.url, dataDir: sourceDir });
			const port = Number(new URL(first.url).port);
			const seeded = await seedIssuer(first.url).finally(() => first.stop());
			const dump = path.join(tmp, 'pg-backup.tar.gz');
			expect(cli(['backup', '--out', dump], { DATABASE_URL: source.url, DATA_DIR: sourceDir }).code).toBe(0);
			expect(cli(['restore', '--from', dump], { DATABASE_URL: target.url, DATA_DIR: targetDir }).code).toBe(1);
			expect(cli(['restore', '--from', dump], { DATA_DIR: targetDir }).out).toContain('restore it with DATABASE_URL set');
			const restored = cli(['restore', '--from', dump, '--force'], { DATABASE_URL: target.url, DATA_DIR: targetDir });
			expect(restored.code, restored.out).toBe(0);

			const server = await startServer({ databaseUrl: target.url, dataDir: targetDir, port });
			try {
				await expectRestored(server.url, seeded);
			} finally {
				await server.stop();
			}
		} finally {
			await source.drop();
			await target.drop();
		}
	});
});
