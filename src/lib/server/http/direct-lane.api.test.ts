import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedOrganisation, publishedActivity, startPlatform, type Platform } from '../../../../tests/support/factories';

/**
 * The direct lane (server.js answering busy public reads without SvelteKit) must give the answer the
 * SvelteKit lane gives. The lane takes only the exact path, so the same request with the path spelled
 * differently (`/api/v1/%61ctivities`, which SvelteKit decodes) is answered by SvelteKit: each
 * request is sent both ways and the answers compared; the request log names the lane.
 */
let platform: Platform;

beforeAll(async () => {
	platform = await startPlatform();
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

/** A GET as it comes (node:http sends the path as given, fragment and all), past server.js's response cache. */
function get(path: string, headers: Record<string, string> = {}) {
	const { hostname, port } = new URL(platform.server.url);
	return new Promise<{ status: number; header: Record<string, string>; body: string; id: string }>((resolve, reject) => {
		const request = http.get({ hostname, port, path, headers: { 'cache-control': 'no-cache', ...headers } }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => {
				const header = Object.fromEntries(
					Object.entries(response.headers)
						.filter(([name]) => !['date', 'x-request-id', 'keep-alive', 'connection'].includes(name))
						.map(([name, value]) => [name, String(value)])
				);
				resolve({ status: response.statusCode!, header, body: Buffer.concat(chunks).toString('utf8'), id: String(response.headers['x-request-id']) });
			});
		});
		request.on('error', reject);
	});
}

/** The same address spelled so that only SvelteKit answers it: the first letter after /api/v1/ percent-encoded. */
const spelledForSvelteKit = (path: string) => path.replace(/^\/api\/v1\/(\w)/, (_, letter: string) => `/api/v1/%${letter.charCodeAt(0).toString(16)}`);

/** The lane the request log names for this request id. */
async function laneOf(requestId: string): Promise<string> {
	for (let attempt = 0; attempt < 50; attempt++) {
		const line = platform.server.logs().find((entry) => entry.includes(requestId) && entry.includes('"msg":"request"'));
		if (line) return (JSON.parse(line) as { lane?: string }).lane ?? 'sveltekit';
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	throw new Error(`No request log line for ${requestId}`);
}

describe('the direct lane', () => {
	const cases: [string, Record<string, string>][] = [
		// The words are read in the request's language: English finds "bikes" in "Repairing bikes", Dutch does not.
		['/api/v1/activities?q=bikes', { 'accept-language': 'en-GB,en;q=0.9' }],
		['/api/v1/activities?q=bikes', { 'accept-language': 'nl-NL,nl;q=0.9' }],
		['/api/v1/activities?q=bikes', { 'accept-language': 'en', cookie: 'col_locale=nl' }],
		['/api/v1/activities?q=bikes', { 'accept-language': 'en', cookie: 'other=1; col_locale="nl"' }],
		['/api/v1/activities?q=bikes', { 'accept-language': 'nl', cookie: 'col_locale=en; col_locale=nl' }],
		['/api/v1/activities?q=bikes&mode=in_person&facets=true', {}],
		['/api/v1/activities?q=bikes#fragment', {}],
		['/api/v1/activities??q=bikes', {}],
		['/api/v1/activities?skill=lifecomp:P2&from=2030-01-01&to=2030-12-31', {}],
		['/api/v1/activities?near=51.589,4.776&radiusKm=5', {}],
		['/api/v1/activities?limit=100000', {}],
		['/api/v1/activities?skill=lifecomp:NOPE', {}],
		['/api/v1/activities?q=%00', {}],
		['/api/v1/skills?q=team&limit=3', {}]
	];
	it.each(cases)('answers %s (%j) as SvelteKit does', async (path, headers) => {
		const direct = await get(path, headers);
		const viaSvelteKit = await get(spelledForSvelteKit(path), headers);
		expect(await laneOf(direct.id)).toBe('direct');
		expect(await laneOf(viaSvelteKit.id)).toBe('sveltekit');
		expect(direct.status).toBe(viaSvelteKit.status);
		expect(direct.header).toEqual(viaSvelteKit.header);
		expect(direct.body).toBe(viaSvelteKit.body);
	});

	it('reads the words in the language of the request (so the cases above compare different answers)', async () => {
		const total = async (headers: Record<string, string>) => (JSON.parse((await get('/api/v1/activities?q=bikes', headers)).body) as { total: number }).total;
		const english = await total({ 'accept-language': 'en' });
		const dutch = await total({ 'accept-language': 'nl' });
		expect(english).not.toBe(dutch);
		expect(await total({ 'accept-language': 'en', cookie: 'col_locale=nl' })).toBe(dutch);
		expect(await total({ 'accept-language': 'en', cookie: 'col_locale="nl"' })).toBe(dutch);
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
			['/api/v1/activities', { headers: { authorization: `Bearer ${platform.admin.token}` } }],
			['/api/v1/activities', { method: 'HEAD' }],
			['/api/v1/%61ctivities', {}],
			['/api/v1/cities', {}]
		] as [string, RequestInit][]) {
			const response = await fetch(platform.server.url + path, { ...init, headers: { 'cache-control': 'no-cache', ...(init.headers as Record<string, string>) } });
			expect(await laneOf(response.headers.get('x-request-id')!), `${init.method ?? 'GET'} ${path}`).toBe('sveltekit');
		}
	});
});
