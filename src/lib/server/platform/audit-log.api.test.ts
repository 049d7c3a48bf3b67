/** GET /api/v1/cities/{slug}/audit-log and the city admin's audit log page. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../../../../tests/support/factories';
import { expectAccessible, launchBrowser, newContext } from '../../../../tests/support/browser';

let platform: Platform;
let setup: Awaited<ReturnType<typeof approvedOrganisation>>;
let activityId: string;


beforeAll(async () => {
	platform = await startPlatform();
	setup = await approvedOrganisation(platform);
	activityId = (await publishedActivity(setup.owner, setup.organisation.id)).id;
	const learner = await signUp(platform, 'learner');

	const joined = await learner.post(`/api/v1/activities/${activityId}/enrolments`);
	expect((await setup.owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`)).status).toBe(201);
});
afterAll(async () => platform?.server.stop());

const path = () => `/api/v1/cities/${setup.city.slug}/audit-log`;

describe('a city’s audit log', () => {
	it('is for the city’s admins only, and refuses a bad filter', async () => {
		expect((await platform.anonymous.get(path())).status).toBe(401);
		expect((await setup.owner.get(path())).status).toBe(403);
		const bad = await setup.cityAdmin.get(`${path()}?actor=someone&from=yesterday&limit=1000`);
		expect(bad.status).toBe(422);
		expect(bad.body.error.code).toBe('validation_failed');
		expect((await setup.cityAdmin.get('/api/v1/cities/no-such-city/audit-log')).status).toBe(404);
	});

	it('lists admin and award actions, who did them and when, newest first', async () => {
		const res = await setup.cityAdmin.get(path());
		expect(res.status).toBe(200);
		const actions = res.body.items.map((e: { action: string }) => e.action);
		expect(actions).toEqual(expect.arrayContaining(['organisation.create', 'activity.create', 'credential.award']));
		expect(actions).toContain('organisation.approve');
		const award = res.body.items.find((e: { action: string }) => e.action === 'credential.award');
		expect(award).toMatchObject({ actor: { id: setup.owner.userId, name: expect.any(String) }, target: { type: expect.any(String), id: expect.any(String) } });
		expect(Date.parse(award.at)).toBeGreaterThan(Date.now() - 600_000);
		const times = res.body.items.map((e: { at: string }) => Date.parse(e.at));
		expect(times).toEqual([...times].sort((a, b) => b - a));
		expect(res.body).toMatchObject({ total: res.body.items.length, page: 1, limit: 20 });
		// Platform admins may read every city's log.
		expect((await platform.admin.get(path())).status).toBe(200);
	});

	it('filters by action, actor and date, and pages', async () => {
		const awards = await setup.cityAdmin.get(`${path()}?action=credential.award`);
		expect(awards.body.items.length).toBeGreaterThan(0);
		expect(awards.body.items.every((e: { action: string }) => e.action === 'credential.award')).toBe(true);
		const byAdmin = await setup.cityAdmin.get(`${path()}?actor=${setup.cityAdmin.userId}`);
		expect(byAdmin.body.items.length).toBeGreaterThan(0);
		expect(byAdmin.body.items.every((e: { actor: { id: string } }) => e.actor.id === setup.cityAdmin.userId)).toBe(true);
		const today = new Date().toISOString().slice(0, 10);
		expect((await setup.cityAdmin.get(`${path()}?from=${today}&to=${today}`)).body.total).toBeGreaterThan(0);
		expect((await setup.cityAdmin.get(`${path()}?to=2000-01-01`)).body).toMatchObject({ items: [], total: 0 });
		const all = (await setup.cityAdmin.get(path())).body;
		const second = await setup.cityAdmin.get(`${path()}?limit=1&page=2`);
		expect(second.body.items).toEqual([all.items[1]]);
	});

	it('has a page for city admins, in their language, that passes axe', { timeout: 60_000 }, async () => {
		let browser: Browser | undefined;
		try {
			browser = await launchBrowser();
			const context = await newContext(browser, { locale: 'nl' });
			await context.setExtraHTTPHeaders({ authorization: `Bearer ${setup.cityAdmin.token}`, 'accept-language': 'nl' });
			const page = await context.newPage();
			const response = await page.goto(`${platform.server.url}/cities/${setup.city.slug}/admin/audit?action=credential.award`);
			expect(response?.status()).toBe(200);
			expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Auditlog');
			expect(await page.getByRole('cell', { name: 'credential.award' }).count()).toBeGreaterThan(0);
			expect(await page.getByRole('cell', { name: 'activity.create' }).count()).toBe(0);
			await expectAccessible(page, 'audit log (nl)');
			// The owner of an organisation is not a city admin.
			await context.setExtraHTTPHeaders({ authorization: `Bearer ${setup.owner.token}` });
			expect((await page.goto(`${platform.server.url}/cities/${setup.city.slug}/admin/audit`))?.status()).toBe(403);
		} finally {
			await browser?.close();
		}
	});
});
