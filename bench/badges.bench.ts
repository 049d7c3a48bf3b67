/**
 * Badge figures of issue 4: a bulk award of 1,000 learners (signed and stored), timed from the request
 * to the batch reporting done, beside the raw Ed25519 signing rate and the full Data Integrity signing
 * rate of the same credential measured in this process, in the same run; and the verification
 * throughput of issued credentials through POST /api/v1/verify.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { apiClient, type ApiClient } from '../tests/support/api';
import { startPlatform, type Row } from './harness';
import { signCredential } from '../src/lib/server/credentials/openbadge';

const ADMIN = { ADMIN_EMAIL: 'bench@example.org', ADMIN_PASSWORD: 'bench password' };
const LEARNERS = 1000;

async function must(response: Promise<{ status: number; body: unknown }>, expected: number) {
	const res = await response;
	if (res.status !== expected) throw new Error(`seeding failed: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
	return res.body as Record<string, unknown> & { id: string; token: string };
}

/** A city, an approved organisation and a published activity with a badge, made through the API. */

async function seed(url: string): Promise<{ owner: ApiClient; activityId: string }> {
	const anonymous = apiClient(url);
	const admin = anonymous.as((await must(anonymous.post('/api/v1/auth/login', { email: ADMIN.ADMIN_EMAIL, password: ADMIN.ADMIN_PASSWORD }), 200)).token);
	await must(admin.post('/api/v1/cities', { slug: 'breda', name: 'Breda', locales: ['nl', 'en'], defaultLocale: 'nl', timezone: 'Europe/Amsterdam', center: { lat: 51.589, lon: 4.776 } }), 201);
	await must(admin.post('/api/v1/cities/breda/admins', { email: ADMIN.ADMIN_EMAIL }), 201);
	const owner = anonymous.as((await must(anonymous.post('/api/v1/auth/register', { email: 'owner@example.org', password: 'a good password', name: 'Owner' }), 201)).token);
	const organisation = await must(owner.post('/api/v1/organisations', { city: 'breda', name: 'Breda Youth Works', type: 'youth_organisation', email: 'hello@example.org' }), 201);
	await must(admin.post(`/api/v1/organisations/${organisation.id}/approve`), 200);
	const activity = await must(
		owner.post('/api/v1/activities', {
			organisationId: organisation.id,
			title: { en: 'Festival volunteering', nl: 'Vrijwilligerswerk op het festival' },
			description: { en: 'Help run the city festival.', nl: 'Help het stadsfestival draaien.' },
			type: 'volunteering',
			mode: 'in_person',
			alwaysOpen: true,
			location: { address: 'Grote Markt, Breda', lat: 51.589, lon: 4.776 },
			languages: ['nl', 'en'],
			skills: ['lifecomp:P2', 'entrecomp:1.1', 'digcomp:3.4']
		}),
		201
	);
	await must(owner.post(`/api/v1/activities/${activity.id}/publish`), 200);
	return { owner, activityId: activity.id };
}

async function signingBaselines(sample: Record<string, unknown>) {
	const keyPair = await Ed25519Multikey.generate({ id: 'did:web:bench.example#key-1', controller: 'did:web:bench.example' });
	const signer = keyPair.signer();
	const message = new TextEncoder().encode('a 32-byte message to be signed!!');
	for (let i = 0; i < 200; i++) await signer.sign({ data: message });
	let started = performance.now();
	for (let i = 0; i < 3000; i++) await signer.sign({ data: message });
	const rawPerSecond = 3000 / ((performance.now() - started) / 1000);
	const unsigned = { ...sample };
	delete unsigned.proof;
	for (let i = 0; i < 20; i++) await signCredential({ ...unsigned, id: `urn:uuid:${crypto.randomUUID()}` }, keyPair);
	started = performance.now();
	for (let i = 0; i < 200; i++) await signCredential({ ...unsigned, id: `urn:uuid:${crypto.randomUUID()}` }, keyPair);
	const documentPerSecond = 200 / ((performance.now() - started) / 1000);
	return { rawPerSecond, documentPerSecond };
}

async function bulkAward(owner: ApiClient, activityId: string, label: string) {
	const recipients = Array.from({ length: LEARNERS }, (_, i) => ({ email: `${label}-${i}@example.org`, narrative: `Volunteered ${1 + (i % 5)} shifts.` }));
	const started = performance.now();
	const created = await must(owner.post(`/api/v1/activities/${activityId}/awards`, { recipients }), 202);
	const progress = new URL(created.url as string).pathname;
	for (;;) {
		const batch = (await owner.get(progress)).body as { status: string; awarded: number };
		if (batch.status === 'done') {
			if (batch.awarded !== LEARNERS) throw new Error(`only ${batch.awarded} of ${LEARNERS} were awarded`);
			return (performance.now() - started) / 1000;
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** Verifies distinct issued credentials (no cached signature result) with 4 clients at once. */
async function verificationRate(url: string, documents: unknown[]) {
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: 4 }, async () => {
			while (next < documents.length) {
				const credential = documents[next++];
				const res = await fetch(`${url}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credential }) });
				const report = (await res.json()) as { valid: boolean };
				if (!report.valid) throw new Error('an issued credential did not verify');
			}
		})
	);
	return documents.length / ((performance.now() - started) / 1000);
}

export async function run(options: { databaseUrl: string | undefined }): Promise<Row[]> {
	const rows: Row[] = [];
	const engines: [string, Record<string, string>][] = [['PGlite', {}]];
	if (options.databaseUrl) engines.push(['PostgreSQL', { DATABASE_URL: options.databaseUrl }]);
	for (const [engine, env] of engines) {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'col-bench-badges-'));
		// The verification phase sends hundreds of requests from one address: past the per-address limit.
		const server = await startPlatform({ DATA_DIR: dataDir, ...ADMIN, RATE_LIMIT_VERIFY: '1000000/60', ...env });
		try {
			const { owner, activityId } = await seed(server.url);
			// A first small award creates the organisation's key and warms the code paths.
			await bulkAward(owner, activityId, 'warm');
			const seconds = await bulkAward(owner, activityId, 'bench');
			const sample = await sampleCredentials(owner, activityId, 400);
			const { rawPerSecond, documentPerSecond } = await signingBaselines(sample[0]!);
			const feature = `badges (${engine})`;
			const perSecond = LEARNERS / seconds;
			rows.push(
				{ feature, metric: `bulk award of ${LEARNERS} learners, signed and stored`, value: seconds, unit: 's', target: '< 10 s', ok: seconds < 10 },
				{ feature, metric: 'bulk award rate vs raw Ed25519 signatures (the limit)', value: perSecond, unit: 'cred/s', baseline: rawPerSecond },
				{ feature, metric: 'bulk award rate vs eddsa-rdfc-2022 signing in-process', value: perSecond, unit: 'cred/s', baseline: documentPerSecond },
				{ feature, metric: 'POST /api/v1/verify, distinct credentials, 4 clients', value: await verificationRate(server.url, sample), unit: 'cred/s' }
			);
		} finally {
			await server.stop();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	}
	return rows;
}

/** Issued credentials to verify, as the organisation lists them. */
async function sampleCredentials(owner: ApiClient, activityId: string, count: number): Promise<Record<string, unknown>[]> {
	const documents: Record<string, unknown>[] = [];
	for (let offset = 0; documents.length < count; offset += 200) {
		const page = (await owner.get(`/api/v1/activities/${activityId}/credentials?limit=200&offset=${offset}`)).body as { items: { credential: Record<string, unknown> }[] };
		if (page.items.length === 0) break;
		documents.push(...page.items.map((item) => item.credential));
	}
	return documents.slice(0, count);
}
