import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedOrganisation, publishedActivity, startPlatform, type Platform } from '../../../../tests/support/factories';

/**
 * The direct lane (server.js answering busy public reads without SvelteKit) must give the answer the
 * SvelteKit lane gives. A signed-in request always takes the SvelteKit lane, so each request is sent
 * twice, anonymously and signed in, and the answers compared; the request log names the lane.
 */
let platform: Platform;
let signedIn: string;

beforeAll(async () => {
	platform = await startPlatform();
	signedIn = platform.admin.token!;
	const breda = await approvedOrganisation(platform, { slug: 'lane-breda', name: 'Breda' });
	await publishedActivity(breda.owner, breda.organisation.id, {
		title: { nl: 'Fietsen repareren', en: 'Repairing bikes' },
		description: { nl: 'We **repareren** fietsen.', en: 'We repair bikes together.' },
		skills: ['lifecomp:P2'],
		startsAt: '2030-03-14T14:00:00+01:00',
		endsAt: '2030-03-14T17:00:00+01:00'
	});
	await publishedActivity(breda.owner, breda.organisation.id, { title: { en: 'Online coding club' }, mode: 'online', location: null, url: 'https://meet.example.org/c' });
});
afterAll(async () => platform?.server.stop());

async function get(path: string, headers: Record<string, string>) {
	// Past server.js's response cache, so that each request reaches a lane.
	const response = await fetch(platform.server.url + path, { headers: { 'cache-control': 'no-cache', ...headers } });
	const id = response.headers.get('x-request-id')!;
	const header = Object.fromEntries([...response.headers].filter(([name]) => !['date', 'x-request-id', 'keep-alive', 'connection'].includes(name)));
	return { status: response.status, header, body: await response.text(), id };
}

/** The lane the request log names for this request id (undefined: SvelteKit). */
async function laneOf(requestId: string): Promise<string | undefined> {
	for (let attempt = 0; attempt < 50; attempt++) {
		const line = platform.server.logs().find((entry) => entry.includes(requestId) && entry.includes('"msg":"request"'));
		if (line) return (JSON.parse(line) as { lane?: string }).lane ?? 'sveltekit';
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	throw new Error(`No request log line for ${requestId}`);
}

describe('the direct lane', () => {
	const cases: [string, Record<string, string>][] = [
		['/api/v1/activities?q=fietsen', { 'accept-language': 'nl-NL,nl;q=0.9' }],
		['/api/v1/activities?q=bikes&mode=in_person&facets=true', {}],
		['/api/v1/activities?skill=lifecomp:P2&from=2030-01-01&to=2030-12-31', { cookie: 'col_locale=it' }],
		['/api/v1/activities?near=51.589,4.776&radiusKm=5', {}],
		['/api/v1/activities?limit=100000', {}],
		['/api/v1/activities?skill=lifecomp:NOPE', {}],
		['/api/v1/activities?q=%00', {}],
		['/api/v1/skills?q=team&limit=3', { 'accept-language': 'de' }]
	];
	it.each(cases)('answers %s as SvelteKit does', async (path, headers) => {
		const direct = await get(path, headers);
		const viaSvelteKit = await get(path, { ...headers, authorization: `Bearer ${signedIn}` });
		expect(await laneOf(direct.id)).toBe('direct');
		expect(await laneOf(viaSvelteKit.id)).toBe('sveltekit');
		expect(direct.status).toBe(viaSvelteKit.status);
		expect(direct.header).toEqual(viaSvelteKit.header);
		expect(direct.body).toBe(viaSvelteKit.body);
	});

	it('answers with results, keeps a sensible request id and marks the answers it makes cacheable', async () => {
		const response = await fetch(`${platform.server.url}/api/v1/activities?q=bikes`, { headers: { 'x-request-id': 'client-trace-0042' } });
		expect(response.headers.get('x-request-id')).toBe('client-trace-0042');
		expect(await laneOf('client-trace-0042')).toBe('direct');
		const found = (await response.json()) as { items: { title: { en?: string } }[] };
		expect(found.items[0]?.title.en).toBe('Repairing bikes');
		// The second identical request comes from server.js's cache, which kept what the lane wrote.
		const again = await fetch(`${platform.server.url}/api/v1/activities?q=bikes`);
		expect(again.headers.get('x-cache')).toBe('hit');
		expect(again.headers.get('content-type')).toBe('application/json');
	});

	it('leaves signed-in requests, HEAD, other spellings and other endpoints to SvelteKit', async () => {
		const session = await platform.anonymous.post('/api/v1/auth/login', { email: 'admin@platform.test', password: 'admin password 1' });
		const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0]!;
		for (const [path, init] of [
			['/api/v1/activities', { headers: { cookie } }],
			['/api/v1/activities', { method: 'HEAD' }],
			['/api/v1/%61ctivities', {}],
			['/api/v1/cities', {}]
		] as [string, RequestInit][]) {
			const response = await fetch(platform.server.url + path, { ...init, headers: { 'cache-control': 'no-cache', ...(init.headers as Record<string, string>) } });
			expect(await laneOf(response.headers.get('x-request-id')!), `${init.method ?? 'GET'} ${path}`).toBe('sveltekit');
		}
	});
});
