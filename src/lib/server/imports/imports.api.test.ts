/**
 * Imports through HTTP: a preview changes nothing, applying creates drafts with their provenance,
 * the same file again creates nothing new (and updates what changed), complete records can be
 * published, broken files and bad requests are refused and change nothing, and the samples of real
 * platforms import with the right titles, dates, modes and links.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedOrganisation, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';
import { IMPORT_SAMPLES, SAMPLES_DIR, largeCsv } from '../../../../tests/support/imports';

let platform: Platform;
let setup: Awaited<ReturnType<typeof approvedOrganisation>>;

beforeAll(async () => {
	platform = await startPlatform();
	setup = await approvedOrganisation(platform, { locales: ['en', 'nl'], defaultLocale: 'en', timezone: 'Europe/Amsterdam' });
});
afterAll(() => platform?.server.stop());

const calendar = (events: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//Imports//EN', ...events, 'END:VCALENDAR', ''].join('\r\n');
const event = (uid: string, summary: string, extra: string[] = []) =>
	['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20300101T000000Z', `SUMMARY:${summary}`, 'DTSTART;TZID=Europe/Amsterdam:20300314T140000', 'DTEND;TZID=Europe/Amsterdam:20300314T170000', ...extra, 'END:VEVENT'].join('\r\n');

const organisationActivities = async () => (await setup.owner.get(`/api/v1/organisations/${setup.organisation.id}/activities?status=draft&limit=100`)).body;

describe('an import', () => {
	it('is for members of an approved organisation, and refuses what it cannot read without changing anything', async () => {
		const body = { organisationId: setup.organisation.id, format: 'ical', content: calendar([event('a@test', 'Café')]) };
		expect((await platform.anonymous.post('/api/v1/imports', body)).status).toBe(401);
		expect((await (await signUp(platform, 'stranger')).post('/api/v1/imports', body)).status).toBe(403);
		expect((await setup.owner.post('/api/v1/imports', { organisationId: setup.organisation.id, format: 'ical' })).status).toBe(422);
		const both = await setup.owner.post('/api/v1/imports', { ...body, url: 'https://example.org/a.ics' });
		expect(both.status).toBe(422);
		const broken = await setup.owner.post('/api/v1/imports', { organisationId: setup.organisation.id, format: 'ical', content: 'BEGIN:VCALENDAR\r\nthis is not a calendar' });
		expect(broken.status).toBe(422);
		expect(broken.body.error.code).toBe('import_unreadable');
		const unknown = await setup.owner.post('/api/v1/imports', { organisationId: setup.organisation.id, content: 'just some words', filename: 'notes.txt' });
		expect(unknown.body.error.code).toBe('import_unreadable');
		for (const url of ['http://127.0.0.1/feed.ics', 'http://10.0.0.1/feed.ics', 'file:///etc/passwd']) {
			const local = await setup.owner.post('/api/v1/imports', { organisationId: setup.organisation.id, url });
			expect(local.status, url).toBe(422);
			expect(['validation_failed', 'url_not_allowed'], url).toContain(local.body.error.code);
		}
		expect((await organisationActivities()).total).toBe(0);
	});

	it('previews, applies as previewed, and never duplicates on a second run', async () => {
		const content = calendar([
			event('workshop-1@test', 'Repair café', ['DESCRIPTION:Bring a bike\\, and we fix it.\\nTools provided.', 'LOCATION:Stationsplein 1\\, Breda', 'URL:https://example.org/repair']),
			event('webinar-2@test', 'Online CV clinic', ['LOCATION:Online', 'URL:https://example.org/cv', 'DESCRIPTION:Ask us anything about your CV.'])
		]);
		const preview = await setup.owner.post('/api/v1/imports', { organisationId: setup.organisation.id, format: 'auto', filename: 'events.ics', content, dryRun: true });
		expect(preview.status, JSON.stringify(preview.body)).toBe(200);
		expect(preview.body).toMatchObject({ format: 'ical', status: 'previewed', dryRun: true, created: 2, updated: 0, csv: null });
		expect((await organisationActivities()).total).toBe(0);

		const applied = await setup.owner.post(`/api/v1/imports/${preview.body.id}/apply`, { publish: true });
		expect(applied.status, JSON.stringify(applied.body)).toBe(200);
		expect(applied.body).toMatchObject({ status: 'applied', created: 2 });
		expect((await setup.owner.post(`/api/v1/imports/${preview.body.id}/apply`, {})).status).toBe(409);
		const online = applied.body.items.find((item: { sourceId: string }) => item.sourceId.startsWith('webinar-2'));
		// Complete online: published. In person without map coordinates: a draft that says what is missing.
		expect(online).toMatchObject({ action: 'create', status: 'published' });
		const repair = applied.body.items.find((item: { sourceId: string }) => item.sourceId.startsWith('workshop-1'));
		expect(repair).toMatchObject({ action: 'create', status: 'draft', reason: 'location' });
		const activity = (await setup.owner.get(`/api/v1/activities/${repair.id}`)).body;
		expect(activity).toMatchObject({
			title: { en: 'Repair café' },
			mode: 'in_person',
			startsAt: '2030-03-14T13:00:00.000Z',
			endsAt: '2030-03-14T16:00:00.000Z',
			location: { address: 'Stationsplein 1, Breda', lat: null },
			source: { format: 'ical', id: 'workshop-1@test' }
		});
		expect(activity.description.en).toContain('Bring a bike, and we fix it.');
		const onlineActivity = (await setup.owner.get(`/api/v1/activities/${online.id}`)).body;
		expect(onlineActivity).toMatchObject({ mode: 'online', onlineUrl: 'https://example.org/cv', status: 'published' });

		// The organiser completes the draft; the same file again changes nothing it left alone.
		expect((await setup.owner.patch(`/api/v1/activities/${repair.id}`, { location: { address: 'Stationsplein 1, Breda', lat: 51.595, lon: 4.78 } })).status).toBe(200);
		const again = await setup.owner.post('/api/v1/imports', { organisationId: setup.organisation.id, format: 'ical', content });
		expect(again.body).toMatchObject({ created: 0, updated: 0, skipped: 2 });
		const changed = content.replace('SUMMARY:Repair café', 'SUMMARY:Repair café (new date)').replace(/20300314T140000/, '20300321T140000').replace(/20300314T170000/, '20300321T170000');
		const third = await setup.owner.post('/api/v1/imports', { organisationId: setup.organisation.id, format: 'ical', content: changed });
		expect(third.body).toMatchObject({ created: 0, updated: 1, skipped: 1 });
		const updated = (await setup.owner.get(`/api/v1/activities/${repair.id}`)).body;
		expect(updated).toMatchObject({ title: { en: 'Repair café (new date)' }, startsAt: '2030-03-21T13:00:00.000Z', location: { lat: 51.595, lon: 4.78 } });
		expect((await organisationActivities()).total).toBe(1);

		const history = await setup.owner.get(`/api/v1/imports?organisation=${setup.organisation.id}`);
		expect(history.body.items.length).toBeGreaterThanOrEqual(3);
	});

	it('imports a CSV in its own layout, row by row, naming the rows it cannot use', async () => {
		const csv = ['Title;Start;End;URL;Online;Description', 'Podcast lab;2030-05-01 10:00;2030-05-01 12:00;https://example.org/podcast;yes;Make a podcast.', ';2030-05-02 12:00;2030-05-02 14:00;https://example.org/x;yes;No title here.', ''].join('\n');
		const result = await setup.owner.post('/api/v1/imports', { organisationId: setup.organisation.id, format: 'csv', content: csv, filename: 'events.csv' });
		expect(result.status, JSON.stringify(result.body)).toBe(200);
		expect(result.body.created).toBe(1);
		expect(result.body.errors).toEqual([expect.objectContaining({ record: expect.stringContaining('row 3') })]);
		expect(result.body.items.find((item: { action: string }) => item.action === 'create')).toMatchObject({ title: 'Podcast lab', status: 'draft' });
	});
});

describe('odd files and second readings', () => {
	it('applies a CSV preview with the column mapping it was read with', async () => {
		const csv = ['Kop;Begint;Link', 'Mapped lab;2030-06-01 10:00;https://example.org/mapped', ''].join('\n');
		const csvMapping = { title: 'Kop', start: 'Begint', url: 'Link' };
		const preview = await setup.owner.post('/api/v1/imports', { organisationId: setup.organisation.id, format: 'csv', content: csv, csvMapping, dryRun: true });
		expect(preview.body, JSON.stringify(preview.body)).toMatchObject({ created: 1 });
		// The preview says how the columns were read, with an example of each, to correct the mapping.
		expect(preview.body.csv.columns).toEqual([
			{ name: 'Kop', example: 'Mapped lab' },
			{ name: 'Begint', example: '2030-06-01 10:00' },
			{ name: 'Link', example: 'https://example.org/mapped' }
		]);
		expect(preview.body.csv.mapping).toMatchObject({ title: 'Kop', start: 'Begint', url: 'Link', description: null, end: null });
		expect(preview.body.csv.dateOrder).toBeNull();
		// Read without the mapping, "Link" is still guessed as the URL, but nothing names the title.
		const unmapped = await setup.owner.post('/api/v1/imports', { organisationId: setup.organisation.id, format: 'csv', content: csv, dryRun: true });
		expect(unmapped.status).toBe(422);
		expect(unmapped.body.error.message).toMatch(/no title column found among the headers \(Kop, Begint, Link\)/);
		// An empty column name leaves out a field the guess had found.
		const without = await setup.owner.post('/api/v1/imports', { organisationId: setup.organisation.id, format: 'csv', content: csv, csvMapping: { ...csvMapping, url: '' }, dryRun: true });
		expect(without.body.csv.mapping.url).toBeNull();
		const applied = await setup.owner.post(`/api/v1/imports/${preview.body.id}/apply`, {});
		expect(applied.status, JSON.stringify(applied.body)).toBe(200);
		expect(applied.body.items[0]).toMatchObject({ title: 'Mapped lab', action: 'create' });
		// Once applied, the content is gone: there is nothing left to read again.
		expect(applied.body.csv).toBeNull();
	});

	it('refuses what its format library refuses (an XML entity), with a 422 and no change', async () => {
		const xml = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><learningOpportunity><title>&e;</title></learningOpportunity>';
		const refused = await setup.owner.post('/api/v1/imports', { organisationId: setup.organisation.id, format: 'elm', content: xml });
		expect(refused.status).toBe(422);
		expect(refused.body.error.code).toBe('import_unreadable');
	});

	it('keys a record with a very long id by its hash, and updates a series whose inner date moved', async () => {
		const uid = `${'very-long-uid-'.repeat(300)}@test`;
		// Four Fridays; the second time, the second one is cancelled: first and last dates stay the same.
		const series = (...extra: string[]) =>
			calendar([
				['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20300101T000000Z', 'SUMMARY:Weekly club', 'LOCATION:Online', 'URL:https://example.org/club', 'DTSTART:20270101T180000Z', 'DTEND:20270101T190000Z', 'RRULE:FREQ=WEEKLY;COUNT=4', ...extra, 'END:VEVENT'].join('\r\n')
			]);
		const first = await setup.owner.post('/api/v1/imports', { organisationId: setup.organisation.id, format: 'ical', content: series() });
		expect(first.status, JSON.stringify(first.body).slice(0, 300)).toBe(200);
		expect(first.body.items[0].sourceId.length).toBeLessThanOrEqual(200);
		const moved = await setup.owner.post('/api/v1/imports', { organisationId: setup.organisation.id, format: 'ical', content: series('EXDATE:20270108T180000Z') });
		expect(moved.body).toMatchObject({ created: 0, updated: 1 });
		const activity = (await setup.owner.get(`/api/v1/activities/${first.body.items[0].id}`)).body;
		expect(activity.sessions.map((s: { startsAt: string }) => s.startsAt)).not.toContain('2027-01-08T18:00:00.000Z');
		expect(activity.sessions).toHaveLength(3);
	});
});

describe('a background import', () => {
	it('is declared in the OpenAPI document: 202 with the run, beside 200 with the result', async () => {
		const doc = (await platform.anonymous.get('/api/openapi.json')).body;
		for (const operation of [doc.paths['/api/v1/imports'].post, doc.paths['/api/v1/imports/{id}/apply'].post]) {
			expect(operation.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/ImportResult');
			expect(operation.responses['202'].content['application/json'].schema.$ref).toBe('#/components/schemas/ImportResult');
		}
		// Endpoints without background work declare no 202.
		expect(doc.paths['/api/v1/imports/{id}'].get.responses['202']).toBeUndefined();
	});

	const poll = async (url: string) => {
		let run = (await setup.owner.get(new URL(url).pathname)).body;
		while (run.status === 'queued' || run.status === 'running') {
			await new Promise((resolve) => setTimeout(resolve, 100));
			run = (await setup.owner.get(new URL(url).pathname)).body;
		}
		return run;
	};

	it('answers 202 with the run, then reports progress and the same result as a direct import', async () => {
		const content = largeCsv('bg', 450);
		const started = await setup.owner.post('/api/v1/imports', { organisationId: setup.organisation.id, format: 'csv', content, background: true });
		expect(started.status, JSON.stringify(started.body).slice(0, 300)).toBe(202);
		expect(started.headers.get('location')).toBe(started.body.url);
		expect(started.body).toMatchObject({ status: 'queued', progress: { processed: 0, total: 450 }, created: 0 });
		const done = await poll(started.body.url);
		expect(done).toMatchObject({ status: 'applied', progress: { processed: 450, total: 450 }, created: 450, updated: 0, message: null });
		expect(new Set(done.items.map((item: { sourceId: string }) => item.sourceId)).size).toBe(450);
		// The same file again, directly: nothing new.
		const again = await setup.owner.post('/api/v1/imports', { organisationId: setup.organisation.id, format: 'csv', content });
		expect(again.body).toMatchObject({ status: 'applied', created: 0, updated: 0, skipped: 450 });
	});

	it('applies a preview in the background once; a dry run stays direct', async () => {
		const content = largeCsv('pv', 5);
		const preview = await setup.owner.post('/api/v1/imports', { organisationId: setup.organisation.id, format: 'csv', content, dryRun: true, background: true });
		expect(preview.status).toBe(200);
		expect(preview.body).toMatchObject({ status: 'previewed', created: 5 });
		const started = await setup.owner.post(`/api/v1/imports/${preview.body.id}/apply`, { publish: true, background: true, select: ['pv-1', 'pv-3'] });
		expect(started.status).toBe(202);
		expect((await setup.owner.post(`/api/v1/imports/${preview.body.id}/apply`, { background: true })).status).toBe(409);
		const done = await poll(started.body.url);
		expect(done).toMatchObject({ status: 'applied', created: 2, progress: { processed: 2, total: 2 } });
		expect(done.items.map((item: { status: string }) => item.status)).toEqual(['published', 'published']);
		expect((await platform.anonymous.get(new URL(started.body.url).pathname)).status).toBe(401);
	});
});

describe.runIf(fs.existsSync(SAMPLES_DIR))('the samples from other platforms', () => {
	for (const { file, format } of IMPORT_SAMPLES) {
		it(`imports ${file} (detected as ${format}) and a second time creates nothing`, async () => {
			const content = fs.readFileSync(path.join(SAMPLES_DIR, file), 'utf8');
			const first = await setup.owner.post('/api/v1/imports', { organisationId: setup.organisation.id, content, filename: path.basename(file) });
			expect(first.status, JSON.stringify(first.body).slice(0, 500)).toBe(200);
			expect(first.body.format).toBe(format);
			expect(first.body.created).toBeGreaterThan(0);
			const second = await setup.owner.post('/api/v1/imports', { organisationId: setup.organisation.id, content, filename: path.basename(file) });
			expect(second.body.created).toBe(0);
			expect(second.body.updated).toBe(0);
		});
	}
});
