/**
 * Subscribed feeds through HTTP: an organisation subscribes to an iCal URL (served here on 127.0.0.1,
 * named in FETCH_ALLOW_PRIVATE_HOSTS), the background check imports it, a later run updates what
 * changed and archives what the source dropped, a failing source changes nothing, and only the
 * organisation's members see or change its feeds.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedOrganisation, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';
import type { ApiClient } from '../../../../tests/support/api';

let platform: Platform;
let setup: Awaited<ReturnType<typeof approvedOrganisation>>;
let source: http.Server;
let feedUrl: string;
let calendar = '';
let failing = false;

const event = (uid: string, title: string, day: string) =>
	['BEGIN:VEVENT', `UID:${uid}`, `SUMMARY:${title}`, `DTSTART:2030${day}T150000Z`, `DTEND:2030${day}T170000Z`, 'DESCRIPTION:Bring a friend.', 'LOCATION:Library', 'END:VEVENT'].join('\r\n');
const ical = (...events: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//Feed//EN', ...events, 'END:VCALENDAR', ''].join('\r\n');

beforeAll(async () => {
	source = http.createServer((_request, response) => {
		if (failing) return void response.writeHead(503).end();
		response.writeHead(200, { 'content-type': 'text/calendar' }).end(calendar);
	});
	await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
	const { port } = source.address() as AddressInfo;
	feedUrl = `http://127.0.0.1:${port}/events.ics`;
	platform = await startPlatform({ FETCH_ALLOW_PRIVATE_HOSTS: `127.0.0.1:${port}`, FEED_CHECK_SECONDS: '1' });
	setup = await approvedOrganisation(platform);
});
afterAll(async () => {
	await platform?.server.stop();
	source?.close();
});

async function waitForRun(client: ApiClient, feedId: string, after: string | null) {
	for (let i = 0; i < 60; i++) {
		const feed = (await client.get(`/api/v1/feeds/${feedId}`)).body;
		if (feed.lastRunAt && feed.lastRunAt !== after) return feed;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error('the feed did not run');
}

/** The organisation's activities as [title, status]: imported records missing what publishing needs stay drafts. */
const activitiesOf = async () =>
	((await setup.owner.get(`/api/v1/organisations/${setup.organisation.id}/activities?limit=50`)).body.items as { title: Record<string, string>; status: string }[])
		.map((a) => [Object.values(a.title)[0], a.status === 'archived' ? 'archived' : 'kept'])
		.sort();

describe('subscribed feeds', () => {
	it('refuse outsiders, private addresses and bad input, creating nothing', async () => {
		const path = `/api/v1/organisations/${setup.organisation.id}/feeds`;
		expect((await platform.anonymous.post(path, { url: feedUrl })).status).toBe(401);
		expect((await (await signUp(platform, 'outsider')).post(path, { url: feedUrl })).status).toBe(403);
		expect((await setup.owner.post(path, { url: 'ftp://example.org/x.ics' })).status).toBe(422);
		expect((await setup.owner.post(path, { url: feedUrl, intervalMinutes: 1 })).status).toBe(422);
		const local = await setup.owner.post(path, { url: 'http://10.0.0.1/feed.ics' });
		expect(local.status).toBe(422);
		expect(local.body.error.details[0]).toMatchObject({ path: 'url', code: 'url_not_allowed' });
		expect((await setup.owner.get(path)).body.items).toEqual([]);
	});

	it('import in the background, update what changed, archive what the source dropped, and survive a failing source', async () => {
		calendar = ical(event('talk-1@test', 'Poetry slam', '0301'), event('talk-2@test', 'Beat making', '0302'));
		const created = await setup.owner.post(`/api/v1/organisations/${setup.organisation.id}/feeds`, { url: feedUrl, publish: true, intervalMinutes: 60 });
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		expect(created.body).toMatchObject({ url: feedUrl, format: 'auto', intervalMinutes: 60, lastRunAt: null });
		const first = await waitForRun(setup.owner, created.body.id, null);
		expect(first.lastError).toBeNull();
		expect(first.runs[0]).toMatchObject({ status: 'applied', created: 2, format: 'ical' });
		// The next run is an interval away.
		expect(Date.parse(first.nextRunAt) - Date.parse(first.lastRunAt)).toBe(60 * 60_000);
		expect(await activitiesOf()).toEqual([['Beat making', 'kept'], ['Poetry slam', 'kept']]);

		calendar = ical(event('talk-1@test', 'Poetry slam finals', '0301'));
		const second = (await setup.owner.post(`/api/v1/feeds/${created.body.id}/run`)).body;
		expect(second.lastError).toBeNull();
		const history = (await setup.owner.get(`/api/v1/feeds/${created.body.id}`)).body.runs;
		expect(history).toHaveLength(2);
		expect(history[0]).toMatchObject({ updated: 1, created: 0 });
		expect(history[0].items.find((i: { action: string }) => i.action === 'archive')).toMatchObject({ sourceId: 'talk-2@test', status: 'archived' });
		expect(await activitiesOf()).toEqual([['Beat making', 'archived'], ['Poetry slam finals', 'kept']]);

		// The source is down: the error is kept on the feed, and nothing is archived.
		failing = true;
		const down = (await setup.owner.post(`/api/v1/feeds/${created.body.id}/run`)).body;
		expect(down.lastError).toContain('503');
		expect(await activitiesOf()).toEqual([['Beat making', 'archived'], ['Poetry slam finals', 'kept']]);
		failing = false;

		// Another organisation's member cannot see, run or delete it; unsubscribing keeps the activities.
		const other = await approvedOrganisation(platform);
		expect((await other.owner.get(`/api/v1/feeds/${created.body.id}`)).status).toBe(403);
		expect((await other.owner.post(`/api/v1/feeds/${created.body.id}/run`)).status).toBe(403);
		expect((await other.owner.delete(`/api/v1/feeds/${created.body.id}`)).status).toBe(403);
		expect((await setup.owner.delete(`/api/v1/feeds/${created.body.id}`)).status).toBe(204);
		expect((await setup.owner.get(`/api/v1/feeds/${created.body.id}`)).status).toBe(404);
		expect(await activitiesOf()).toEqual([['Beat making', 'archived'], ['Poetry slam finals', 'kept']]);
	}, 60_000);
});
