import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedOrganisation, publishedActivity, startPlatform, type Platform } from '../../../../tests/support/factories';

/**
 * Nearest first has its own statement form (the page is sorted on narrow rows, then joined): its
 * order, ties and paging must be the listing's, page after page.
 */
let platform: Platform;
const ids: Record<string, string> = {};
const HERE = { lat: 60.17, lon: 24.94 };

beforeAll(async () => {
	platform = await startPlatform();
	const helsinki = await approvedOrganisation(platform, { slug: 'helsinki', name: 'Helsinki', locales: ['en'], defaultLocale: 'en', timezone: 'Europe/Helsinki', center: HERE });
	const at = (lat: number) => ({ address: 'Helsinki', lat, lon: HERE.lon });
	const add = async (name: string, fields: Record<string, unknown>) => {
		ids[name] = (await publishedActivity(helsinki.owner, helsinki.organisation.id, { title: { en: name }, ...fields })).id;
	};
	await add('later here', { location: at(HERE.lat), startsAt: '2030-05-02T10:00:00Z', endsAt: '2030-05-02T12:00:00Z' });
	await add('sooner here', { location: at(HERE.lat), startsAt: '2030-05-01T10:00:00Z', endsAt: '2030-05-01T12:00:00Z' });
	await add('always open here', { location: at(HERE.lat), alwaysOpen: true, startsAt: null, endsAt: null });
	await add('1 km away', { location: at(HERE.lat + 0.01), startsAt: '2030-04-01T10:00:00Z', endsAt: '2030-04-01T12:00:00Z' });
	await add('3 km away', { location: at(HERE.lat + 0.03), startsAt: '2030-03-01T10:00:00Z', endsAt: '2030-03-01T12:00:00Z' });
	await add('20 km away', { location: at(HERE.lat + 0.18), startsAt: '2030-03-01T10:00:00Z', endsAt: '2030-03-01T12:00:00Z' });
});
afterAll(() => platform?.server.stop());

type Page = { items: { id: string; distanceKm: number | null }[]; total: number };
async function page(query: string): Promise<Page> {
	const res = await platform.anonymous.get(`/api/v1/activities?near=${HERE.lat},${HERE.lon}&radiusKm=5&${query}`);
	expect(res.status, JSON.stringify(res.body)).toBe(200);
	return res.body as Page;
}

describe('nearest first', () => {
	const expected = ['sooner here', 'later here', 'always open here', '1 km away', '3 km away'];

	it('lists by distance, then soonest first with always-open last, within the radius', async () => {
		const all = await page('limit=10');
		expect(all.items.map((item) => item.id)).toEqual(expected.map((name) => ids[name]));
		expect(all.total).toBe(5);
		const distances = all.items.map((item) => item.distanceKm!);
		expect(distances).toEqual([...distances].sort((a, b) => a - b));
		expect(distances[0]).toBe(0);
		expect(distances[3]).toBeCloseTo(1.11, 1);
	});

	it('gives the same order page after page, whatever the page size', async () => {
		for (const limit of [1, 2]) {
			const seen: string[] = [];
			for (let number = 1; number <= Math.ceil(expected.length / limit) + 1; number++) {
				const found = await page(`limit=${limit}&page=${number}`);
				expect(found.total).toBe(5);
				seen.push(...found.items.map((item) => item.id));
			}
			expect(seen, `pages of ${limit}`).toEqual(expected.map((name) => ids[name]));
		}
	});
});
