import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityBody, approvedOrganisation, startPlatform, type Platform } from '../../../../tests/support/factories';

let platform: Platform;
beforeAll(async () => {
	platform = await startPlatform();
});
afterAll(() => platform?.server.stop());

describe('frameworks', () => {
	it('lists the six frameworks with their sources and licences', async () => {
		const res = await platform.anonymous.get('/api/v1/frameworks');
		expect(res.body.items.map((f: { id: string }) => f.id).sort()).toEqual(['digcomp', 'entrecomp', 'esco-transversal', 'greencomp', 'lifecomp', 'p21']);
		const lifecomp = res.body.items.find((f: { id: string }) => f.id === 'lifecomp');
		expect(lifecomp).toMatchObject({ itemCount: 39, license: expect.stringContaining('CC BY 4.0') });
	});

	it('returns a framework as a tree', async () => {
		const res = await platform.anonymous.get('/api/v1/frameworks/lifecomp');
		expect(res.body.items.map((a: { code: string }) => a.code)).toEqual(['P', 'S', 'L']);
		const personal = res.body.items[0];
		expect(personal.children.map((c: { id: string }) => c.id)).toEqual(['lifecomp:P1', 'lifecomp:P2', 'lifecomp:P3']);
		expect(personal.children[0].children[0]).toMatchObject({ id: 'lifecomp:P1.1', type: 'descriptor', selectable: true, path: ['Personal', 'Self-regulation'] });
		expect((await platform.anonymous.get('/api/v1/frameworks/nope')).status).toBe(404);
	});

	it('searches skills by words across frameworks', async () => {
		const res = await platform.anonymous.get('/api/v1/skills?q=creativity');
		expect(res.body.items.length).toBeGreaterThan(0);
		expect(res.body.items[0].title.toLowerCase()).toContain('creativ');
		const narrowed = await platform.anonymous.get('/api/v1/skills?q=data&framework=digcomp');
		expect(narrowed.body.items.every((i: { frameworkId: string }) => i.frameworkId === 'digcomp')).toBe(true);
		expect((await platform.anonymous.get('/api/v1/skills')).status).toBe(422);
	});

	it('lets a city narrow the frameworks its organisers choose from', async () => {
		const { city, cityAdmin, owner, organisation } = await approvedOrganisation(platform);
		const narrowed = await cityAdmin.patch(`/api/v1/cities/${city.slug}`, { frameworks: ['lifecomp', 'digcomp'] });
		expect(narrowed.body.frameworks).toEqual(['digcomp', 'lifecomp']);
		expect((await cityAdmin.patch(`/api/v1/cities/${city.slug}`, { frameworks: [] })).status).toBe(422);
		expect((await cityAdmin.patch(`/api/v1/cities/${city.slug}`, { frameworks: ['astrology'] })).status).toBe(422);
		const refused = await owner.post('/api/v1/activities', activityBody(organisation.id, { skills: ['greencomp:1.1'] }));
		expect(refused.status).toBe(422);
		expect(refused.body.error.details[0]).toMatchObject({ path: 'skills.0', code: 'framework_not_used' });
	});
});
