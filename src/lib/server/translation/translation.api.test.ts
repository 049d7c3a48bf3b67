import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityBody, approvedOrganisation, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';

/**
 * A LibreTranslate stand-in on 127.0.0.1: it "translates" by prefixing the target locale, so every
 * result can be predicted; `mode` makes it fail or never answer, like a provider that is down.
 */
let mode: 'ok' | 'fail' | 'hang' = 'ok';
const received: { q: string[]; source: string; target: string; format: string; api_key?: string }[] = [];
const fake = http.createServer((request, response) => {
	let body = '';
	request.on('data', (chunk) => (body += chunk));
	request.on('end', () => {
		if (mode === 'hang') return; // the platform's time limit has to end this
		if (mode === 'fail' || request.url !== '/translate') {
			response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Translation engine crashed' }));
			return;
		}
		const input = JSON.parse(body);
		received.push(input);
		const translatedText = (input.q as string[]).map((text) => `[${input.target}] ${text}`);
		response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ translatedText }));
	});
});

let platform: Platform;
let org: Awaited<ReturnType<typeof approvedOrganisation>>;
let activityId: string;
const DESCRIPTION = '## What you do\n\nFix **bikes** with us.\n\n- Bring a bike\n- Bring a friend\n\n```\ncode stays\n```';

beforeAll(async () => {
	await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
	platform = await startPlatform({ TRANSLATE_PROVIDER: 'libretranslate', TRANSLATE_URL: url, TRANSLATE_API_KEY: 'test-key', TRANSLATE_TIMEOUT_SECONDS: '3' });
	org = await approvedOrganisation(platform, { locales: ['en', 'nl', 'it', 'el'], defaultLocale: 'en' });
	const created = await org.owner.post(
		'/api/v1/activities',
		activityBody(org.organisation.id, { title: { en: 'Repair café for bikes' }, description: { en: DESCRIPTION } })
	);
	expect(created.status, JSON.stringify(created.body)).toBe(201);
	activityId = created.body.id;
});
afterAll(async () => {
	await platform?.server.stop();
	fake.closeAllConnections();
	fake.close();
});

const statuses = (body: { locales: { locale: string; status: string }[] }) => Object.fromEntries(body.locales.map((l) => [l.locale, l.status]));
const path = (suffix = '') => `/api/v1/activities/${activityId}/translations${suffix}`;

describe('who may translate', () => {
	it('answers 401 without sign-in, 403 to others when the activity is public, 404 when they cannot see it', async () => {
		expect((await platform.anonymous.get(path())).status).toBe(401);
		const stranger = await signUp(platform, 'stranger');
		expect((await stranger.get(path())).status).toBe(404); // still a draft: not visible to them
		expect((await stranger.post(path('/machine'), {})).status).toBe(404);
		expect((await org.owner.get('/api/v1/activities/00000000-0000-4000-8000-000000000000/translations')).status).toBe(404);
		const published = await org.owner.post('/api/v1/activities', activityBody(org.organisation.id));
		await org.owner.post(`/api/v1/activities/${published.body.id}/publish`);
		expect((await stranger.get(`/api/v1/activities/${published.body.id}/translations`)).status).toBe(403);
		expect((await stranger.put(`/api/v1/activities/${published.body.id}/translations/it`, { title: 'Ciao' })).status).toBe(403);
	});

	it('refuses malformed and invalid input', async () => {
		const malformed = await org.owner.request('PUT', path('/nl'), '{"title":', { 'content-type': 'application/json' });
		expect(malformed.status).toBe(400);
		const empty = await org.owner.put(path('/nl'), { title: '' });
		expect(empty.status).toBe(422);
		expect(empty.body.error.details[0].path).toBe('title');
		const notCity = await org.owner.put(path('/lt'), { title: 'Dviračių taisykla' });
		expect(notCity.status).toBe(422);
		expect(notCity.body.error.details[0]).toMatchObject({ path: 'locale', code: 'unknown_locale' });
		const badLocale = await org.owner.post(path('/machine'), { locales: ['xx'] });
		expect(badLocale.status).toBe(422);
		const noSource = await org.owner.post(path('/machine'), { source: 'it' });
		expect(noSource.status).toBe(422);
		expect(noSource.body.error.details[0]).toMatchObject({ path: 'source', code: 'no_source_text' });
	});
});

describe('machine drafts and review', () => {
	it('lists every locale of the city with its status', async () => {
		const res = await org.owner.get(path());
		expect(res.status).toBe(200);
		expect(res.body.machine).toEqual({ enabled: true, provider: 'libretranslate' });
		expect(res.body.defaultSource).toBe('en');
		expect(statuses(res.body)).toEqual({ en: 'reviewed', nl: 'missing', it: 'missing', el: 'missing' });
	});

	it('is documented in the OpenAPI document, with the new error codes', async () => {
		const doc = (await platform.anonymous.get('/api/openapi.json')).body;
		expect(doc.paths['/api/v1/activities/{id}/translations'].get).toBeDefined();
		expect(doc.paths['/api/v1/activities/{id}/translations/{locale}'].put).toBeDefined();
		const machine = doc.paths['/api/v1/activities/{id}/translations/machine'].post;
		expect(machine.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/MachineTranslationInput');
		expect(Object.keys(machine.responses)).toEqual(expect.arrayContaining(['502', '503']));
	});

	it('changes nothing when the provider fails or does not answer in time', async () => {
		for (const failure of ['fail', 'hang'] as const) {
			mode = failure;
			const res = await org.owner.post(path('/machine'), { locales: ['nl'] });
			expect(res.status, failure).toBe(502);
			expect(res.body.error.code).toBe('translation_failed');
			expect(res.body.error.message).toContain('LibreTranslate');
		}
		mode = 'ok';
		expect(statuses((await org.owner.get(path())).body).nl).toBe('missing');
	});

	it('makes machine drafts for two locales, keeping the Markdown structure', async () => {
		received.length = 0;
		const res = await org.owner.post(path('/machine'), { locales: ['nl', 'it'] });
		expect(res.status, JSON.stringify(res.body)).toBe(200);
		expect(res.body.translated).toEqual(['nl', 'it']);
		expect(statuses(res.body.translations)).toEqual({ en: 'reviewed', nl: 'machine', it: 'machine', el: 'missing' });
		const nl = res.body.translations.locales.find((l: { locale: string }) => l.locale === 'nl');
		expect(nl).toMatchObject({ source: 'en', outdated: false });
		expect(nl.texts.title).toBe('[nl] Repair café for bikes');
		expect(nl.texts.description).toBe('## [nl] What you do\n\n[nl] Fix **bikes** with us.\n\n- [nl] Bring a bike\n- [nl] Bring a friend\n\n```\ncode stays\n```');
		// What went over the wire: plain text pieces, the key, never the code block or list markers.
		expect(received.map((r) => r.target).sort()).toEqual(['it', 'nl']);
		expect(received[0]).toMatchObject({ source: 'en', format: 'text', api_key: 'test-key' });
		expect(received[0]!.q).not.toContain('code stays');
		expect(received[0]!.q).toContain('Bring a bike');
	});

	it('saves an edited draft as reviewed, and leaves reviewed text alone when drafting again', async () => {
		const saved = await org.owner.put(path('/nl'), { title: 'Fietsenrepaircafé', description: '## Wat je doet\n\nFietsen maken.', status: 'reviewed' });
		expect(saved.status, JSON.stringify(saved.body)).toBe(200);
		expect(statuses(saved.body)).toMatchObject({ nl: 'reviewed', it: 'machine' });
		expect(saved.body.locales.find((l: { locale: string }) => l.locale === 'nl')).toMatchObject({ source: 'en', outdated: false, texts: { title: 'Fietsenrepaircafé' } });

		const again = await org.owner.post(path('/machine'), {});
		expect(again.status).toBe(200);
		expect(again.body.translated).toEqual(['el']); // only the missing one
		const forced = await org.owner.post(path('/machine'), { locales: ['nl'] });
		expect(forced.body).toMatchObject({ translated: [], skipped: [{ locale: 'nl', reason: 'reviewed' }] });
		const nl = forced.body.translations.locales.find((l: { locale: string }) => l.locale === 'nl');
		expect(nl.texts.title).toBe('Fietsenrepaircafé');
		expect(statuses(forced.body.translations)).toEqual({ en: 'reviewed', nl: 'reviewed', it: 'machine', el: 'machine' });
	});

	it('marks translations outdated when the source changes, and a draft rewritten in the editor as reviewed', async () => {
		const current = (await org.owner.get(`/api/v1/activities/${activityId}`)).body;
		const changed = await org.owner.patch(`/api/v1/activities/${activityId}`, { title: { ...current.title, en: 'Bike repair café', el: 'Καφέ επισκευής ποδηλάτων' } });
		expect(changed.status, JSON.stringify(changed.body)).toBe(200);
		const res = await org.owner.get(path());
		const byLocale = Object.fromEntries(res.body.locales.map((l: { locale: string }) => [l.locale, l]));
		expect(byLocale.nl).toMatchObject({ status: 'reviewed', outdated: true });
		expect(byLocale.it).toMatchObject({ status: 'machine', outdated: true });
		expect(byLocale.el).toMatchObject({ status: 'reviewed', outdated: false, source: null });
		expect(changed.body.machineTranslated).toEqual(['it']);
	});
});

describe('an imported activity', () => {
	it('loses its machine draft where the source, imported again, brings its own text', async () => {
		const header = 'id,title,description,mode,start,end,url';
		const row = 'podcast-1,Podcast lab,Make a podcast with us.,online,2031-05-01 10:00,2031-05-01 12:00,https://example.org/podcast';
		const first = await org.owner.post('/api/v1/imports', { organisationId: org.organisation.id, format: 'csv', content: `${header}\n${row}\n` });
		expect(first.body.created, JSON.stringify(first.body)).toBe(1);
		const id = first.body.items[0].id;
		const drafted = await org.owner.post(`/api/v1/activities/${id}/translations/machine`, { locales: ['nl', 'it'] });
		expect(statuses(drafted.body.translations)).toMatchObject({ nl: 'machine', it: 'machine' });

		// The source now has a Dutch title and description of its own.
		const again = await org.owner.post('/api/v1/imports', { organisationId: org.organisation.id, format: 'csv', content: `${header},title_nl,description_nl\n${row},Podcastlab,Maak een podcast met ons.\n` });
		expect(again.body.updated, JSON.stringify(again.body)).toBe(1);
		const after = await org.owner.get(`/api/v1/activities/${id}/translations`);
		expect(statuses(after.body)).toMatchObject({ en: 'reviewed', nl: 'reviewed', it: 'machine' });
		const activity = (await org.owner.get(`/api/v1/activities/${id}`)).body;
		expect(activity.title.nl).toBe('Podcastlab');
		expect(activity.machineTranslated).toEqual(['it']);
	});
});

describe('public pages', () => {
	it('mark text that is a machine draft in the reader’s language, and only that', async () => {
		expect((await org.owner.post(`/api/v1/activities/${activityId}/publish`)).status).toBe(200);
		const italian = await platform.anonymous.request('GET', `/activities/${activityId}`, undefined, { 'accept-language': 'it' });
		expect(italian.body).toContain('Tradotto automaticamente, non ancora revisionato');
		const dutch = await platform.anonymous.request('GET', `/activities/${activityId}`, undefined, { 'accept-language': 'nl' });
		expect(dutch.status).toBe(200);
		expect(dutch.body).not.toContain('Machinaal vertaald');
		const cityPage = await platform.anonymous.request('GET', `/cities/${org.city.slug}`, undefined, { cookie: 'col_locale=it' });
		expect(cityPage.body).toContain('Tradotto automaticamente, non ancora revisionato');
		const listed = await platform.anonymous.get(`/api/v1/activities?city=${org.city.slug}`);
		expect(listed.body.items.find((a: { id: string }) => a.id === activityId).machineTranslated).toEqual(['it']);
	});
});

describe('without a provider', () => {
	it('says machine translation is off, and still takes translations by hand', async () => {
		const bare = await startPlatform();
		try {
			const own = await approvedOrganisation(bare, { locales: ['en', 'nl'], defaultLocale: 'en' });
			const created = await own.owner.post('/api/v1/activities', activityBody(own.organisation.id, { title: { en: 'Chess club' }, description: { en: 'Play chess.' } }));
			const off = await own.owner.post(`/api/v1/activities/${created.body.id}/translations/machine`, {});
			expect(off.status).toBe(503);
			expect(off.body.error.code).toBe('translation_unavailable');
			expect(off.body.error.message).toContain('TRANSLATE_PROVIDER');
			const listed = await own.owner.get(`/api/v1/activities/${created.body.id}/translations`);
			expect(listed.body.machine).toEqual({ enabled: false, provider: null });
			const byHand = await own.owner.put(`/api/v1/activities/${created.body.id}/translations/nl`, { title: 'Schaakclub', description: 'Schaak spelen.' });
			expect(statuses(byHand.body)).toEqual({ en: 'reviewed', nl: 'reviewed' });
			const page = await own.owner.request('GET', `/activities/${created.body.id}/translations`, undefined, { 'accept-language': 'en' });
			expect(page.body).toContain('Machine translation is off on this platform');
		} finally {
			await bare.server.stop();
		}
	});
});
