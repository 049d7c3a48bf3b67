import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedOrganisation, publishedActivity, startPlatform, type Platform } from '../../../../tests/support/factories';

let platform: Platform;
const ids: Record<string, string> = {};

beforeAll(async () => {
	platform = await startPlatform();
	const breda = await approvedOrganisation(platform, { slug: 'breda', name: 'Breda', center: { lat: 51.589, lon: 4.776 } });
	const vilnius = await approvedOrganisation(platform, { slug: 'vilnius', name: 'Vilnius', locales: ['lt', 'en'], defaultLocale: 'lt', timezone: 'Europe/Vilnius', center: { lat: 54.687, lon: 25.279 } });
	const org = breda.organisation.id;
	ids.bikes = (await publishedActivity(breda.owner, org, {
		title: { nl: 'Fietsen repareren in de werkplaats', en: 'Bike repair workshop' },
		description: { nl: 'Wij repareren fietsen samen.' },
		skills: ['lifecomp:P2'],
		accessibility: ['step_free_access', 'quiet_space'],
		startsAt: '2030-03-14T14:00:00+01:00',
		endsAt: '2030-03-14T17:00:00+01:00'
	})).id;
	ids.coding = (await publishedActivity(breda.owner, org, {
		title: { en: 'Online coding club' },
		description: { en: 'Programming for beginners.' },
		mode: 'online',
		location: null,
		url: 'https://meet.example.org/code',
		skills: ['digcomp:3.4'],
		price: { amount: 15, currency: 'EUR' },
		startsAt: '2030-04-02T16:00:00Z',
		endsAt: '2030-04-02T18:00:00Z',
		languages: ['en'],
		accessibility: ['captions']
	})).id;
	ids.farAway = (await publishedActivity(breda.owner, org, {
		title: { en: 'Theatre in Tilburg' },
		description: { en: 'Acting.' },
		location: { address: 'Tilburg', lat: 51.56, lon: 5.09 },
		skills: ['entrecomp:2.5'],
		startsAt: '2030-03-20T10:00:00Z',
		endsAt: '2030-03-20T12:00:00Z',
		ageMin: 18,
		ageMax: 30
	})).id;
	ids.past = (await publishedActivity(breda.owner, org, { title: { en: 'Old workshop' }, startsAt: '2020-01-01T10:00:00Z', endsAt: '2020-01-01T12:00:00Z' })).id;
	ids.vilnius = (await publishedActivity(vilnius.owner, vilnius.organisation.id, {
		title: { lt: 'Dviračių taisymas', en: 'Bike repair in Vilnius' },
		description: { lt: 'Taisome dviračius.' },
		location: { address: 'Gedimino pr. 1', lat: 54.687, lon: 25.279 },
		skills: ['lifecomp:P2'],
		languages: ['lt']
	})).id;
	ids.international = (await publishedActivity(vilnius.owner, vilnius.organisation.id, {
		title: { en: 'European youth exchange' },
		description: { en: 'Meet young people from all over Europe.' },
		location: { address: 'Vilnius', lat: 54.68, lon: 25.28 },
		international: true,
		type: 'exchange',
		skills: ['lifecomp:S1']
	})).id;
	await breda.cityAdmin.post(`/api/v1/activities/${ids.bikes}/quality/review`, { decision: 'granted' });
});
afterAll(() => platform?.server.stop());

const search = async (query: string) => {
	const res = await platform.anonymous.get(`/api/v1/activities?${query}`);
	expect(res.status, JSON.stringify(res.body)).toBe(200);
	return res.body as { items: { id: string; distanceKm: number | null }[]; total: number; facets?: Record<string, unknown> };
};
const idsOf = (body: { items: { id: string }[] }) => body.items.map((i) => i.id).sort();

describe('GET /api/v1/activities', () => {
	it('lists upcoming published activities only', async () => {
		const all = await search('');
		expect(idsOf(all)).toEqual([ids.bikes, ids.coding, ids.farAway, ids.vilnius, ids.international].sort());
		expect((await search('from=2019-12-01&to=2020-02-01')).items.map((i) => i.id)).toEqual([ids.past]);
	});

	it('finds words in the content’s language, with stemming', async () => {
		// "werkplaatsen" and "repareert" only match through Dutch stemming.
		expect(idsOf(await search('q=werkplaatsen&locale=nl'))).toEqual([ids.bikes]);
		expect(idsOf(await search('q=dviračius&locale=lt'))).toEqual([ids.vilnius]);
		expect(idsOf(await search('q=programming'))).toEqual([ids.coding]);
	});

	it('shows a city’s own activities plus every online and international one', async () => {
		expect(idsOf(await search('city=breda'))).toEqual([ids.bikes, ids.coding, ids.farAway, ids.international].sort());
		expect(idsOf(await search('city=vilnius'))).toEqual([ids.coding, ids.vilnius, ids.international].sort());
	});

	it('filters by skill (including narrower skills), framework, mode, price, quality and accessibility', async () => {
		expect(idsOf(await search('skill=lifecomp:P'))).toEqual([ids.bikes, ids.vilnius].sort());
		expect(idsOf(await search('framework=entrecomp'))).toEqual([ids.farAway]);
		expect(idsOf(await search('mode=online'))).toEqual([ids.coding]);
		expect(idsOf(await search('free=true&city=breda'))).toEqual([ids.bikes, ids.farAway, ids.international].sort());
		expect(idsOf(await search('quality=true'))).toEqual([ids.bikes]);
		expect(idsOf(await search('accessibility=step_free_access&accessibility=quiet_space'))).toEqual([ids.bikes]);
		expect(idsOf(await search('accessibility=captions,quiet_space'))).toEqual([]);
		expect(idsOf(await search('age=16&city=breda'))).toEqual([ids.bikes, ids.coding, ids.international].sort());
		expect(idsOf(await search('type=exchange'))).toEqual([ids.international]);
		expect(idsOf(await search('lang=lt'))).toEqual([ids.vilnius]);
	});

	it('finds activities within a radius, nearest first', async () => {
		const near = await search('near=51.59,4.78&radiusKm=5');
		expect(idsOf(near)).toEqual([ids.bikes]);
		const wider = await search('near=51.59,4.78&radiusKm=40&sort=distance');
		expect(wider.items.map((i) => i.id)).toEqual([ids.bikes, ids.farAway]);
		expect(wider.items[1]!.distanceKm).toBeGreaterThan(15);
		expect(wider.items[1]!.distanceKm).toBeLessThan(30);
	});

	it('filters by a date range', async () => {
		// The Vilnius activities keep the factory's default date, 14 March 2030, too.
		expect(idsOf(await search('from=2030-03-14&to=2030-03-14'))).toEqual([ids.bikes, ids.vilnius, ids.international].sort());
		expect(idsOf(await search('from=2030-04-01&to=2030-04-30'))).toEqual([ids.coding]);
	});

	it('counts facets for the filter panel', async () => {
		const { facets, total } = await search('city=breda&facets=true');
		expect(total).toBe(4);
		expect(facets).toMatchObject({ mode: { in_person: 3, online: 1 }, quality: 1, international: 1, free: 3 });
		expect((facets as { framework: Record<string, number> }).framework.lifecomp).toBe(2);
	});

	it('pages and caps the page size; bad parameters get a 422', async () => {
		const first = await search('limit=2&page=1&sort=date');
		const second = await search('limit=2&page=2&sort=date');
		expect(first.items).toHaveLength(2);
		expect(first.total).toBe(5);
		expect(first.items.map((i) => i.id)).not.toContain(second.items[0]!.id);
		for (const query of ['limit=100000', 'near=200,4', 'from=yesterday', 'from=2030-02-01&to=2030-01-01', 'skill=nope:1', 'city=atlantis', 'sort=distance', 'mode=teleport']) {
			const res = await platform.anonymous.get(`/api/v1/activities?${query}`);
			expect(res.status, query).toBe(422);
			expect(res.body.error.code).toBe('validation_failed');
		}
	});

	it('lists title matches before description matches, across page boundaries', async () => {
		const breda = await approvedOrganisation(platform, { slug: 'breda-repair', name: 'Breda repair' });
		const sooner = (await publishedActivity(breda.owner, breda.organisation.id, {
			title: { en: 'Youth council evening' },
			description: { en: 'Afterwards we repair the bikes of the neighbourhood.' },
			startsAt: '2030-03-01T18:00:00Z',
			endsAt: '2030-03-01T20:00:00Z'
		})).id;
		const titleMatches = [ids.bikes, ids.vilnius].sort();
		const byRelevance = await search('q=repair');
		expect(byRelevance.total).toBe(3);
		expect(byRelevance.items.map((i) => i.id).slice(0, 2).sort()).toEqual(titleMatches);
		expect(byRelevance.items[2]!.id).toBe(sooner);
		expect((await search('q=repair&limit=2&page=2')).items.map((i) => i.id)).toEqual([sooner]);
		expect((await search('q=repair&limit=1&page=3')).items.map((i) => i.id)).toEqual([sooner]);
		expect((await search('q=repair&limit=1&page=4')).items).toEqual([]);
		expect((await search('q=repair&sort=date')).items[0]!.id).toBe(sooner);
	});

	it('finds a long activity in a range it overlaps, however long before the range it starts', async () => {
		const breda = await approvedOrganisation(platform, { slug: 'breda-long', name: 'Breda long' });
		const season = (await publishedActivity(breda.owner, breda.organisation.id, {
			title: { en: 'A season of choir singing' },
			startsAt: '2029-09-01T18:00:00Z',
			endsAt: '2030-06-30T20:00:00Z'
		})).id;
		expect(idsOf(await search('from=2030-04-01&to=2030-04-30'))).toEqual([ids.coding, season].sort());
		expect(idsOf(await search('from=2030-07-01&to=2030-07-31'))).toEqual([]);
		expect(idsOf(await search('from=2029-08-01&to=2029-08-31'))).toEqual([]);
	});
});
