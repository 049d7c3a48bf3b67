/**
 * Journey 6 in the browser: a city admin opens the city's dashboard from the city admin pages, sees
 * its charts and tables, sets a target and sees the progress against it, downloads a table as CSV,
 * and changes the period without JavaScript; an organiser sees their organisation's dashboard; anyone
 * sees the open data page. Every page is checked with axe on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../support/factories';
import { expectAccessible, launchBrowser, newContext, openInteractive } from '../support/browser';

let platform: Platform;
let browser: Browser;

beforeAll(async () => {
	[platform, browser] = await Promise.all([startPlatform({ STATS_CACHE_SECONDS: '0' }), launchBrowser()]);
});
afterAll(async () => {
	await browser?.close();
	await platform?.server.stop();
});

describe('the city dashboard', () => {
	it('shows every figure with charts and tables, takes a target, exports CSV and filters without JavaScript', { timeout: 180_000 }, async () => {
		// City pages speak the city's default language: English here, for the labels below.
		const { owner, organisation, cityAdmin, city } = await approvedOrganisation(platform, { locales: ['en', 'nl'], defaultLocale: 'en' });
		const tagged = await publishedActivity(owner, organisation.id, { title: { en: 'Podcast basics' }, skills: ['digcomp:3.1'] });
		await publishedActivity(owner, organisation.id, { title: { en: 'Board games night' }, skills: [] });
		const learner = await signUp(platform, 'dash-learner');
		const joined = await learner.post(`/api/v1/activities/${tagged.id}/enrolments`);
		expect((await owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`)).status).toBe(201);

		const context = await newContext(browser);
		await context.setExtraHTTPHeaders({ authorization: `Bearer ${cityAdmin.token}` });
		const page = await context.newPage();
		await openInteractive(page, `${platform.server.url}/cities/${city.slug}/admin`);
		await page.getByRole('link', { name: 'Dashboard' }).click();
		await page.waitForURL(/\/dashboard$/);
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await expectAccessible(page, 'city dashboard');
		expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(5);
		const summary = page.getByRole('table', { name: 'Key figures of the period' });
		await expect.poll(() => summary.getByRole('row', { name: /Recognising 21st-century skills/ }).textContent()).toMatch(/1\s*50%/);
		expect(await summary.getByRole('row', { name: /Badges issued/ }).textContent()).toContain('1');

		await page.getByLabel('Share recognising 21st-century skills (%)').fill('80');
		await page.getByRole('button', { name: 'Save targets' }).press('Enter');
		await expect.poll(() => page.getByText('The targets are saved.').count()).toBe(1);
		const progress = page.getByRole('table', { name: 'Progress towards the city’s targets' });
		expect(await progress.getByRole('row', { name: /21st-century skills/ }).textContent()).toMatch(/80%\s*50%.*62\.5%/);
		await expectAccessible(page, 'city dashboard with a target');

		const csvLink = page.getByRole('link', { name: 'Download “Trends per month” as CSV' });
		const csv = await page.request.get(new URL((await csvLink.getAttribute('href'))!, platform.server.url).toString());
		expect(csv.headers()['content-type']).toContain('text/csv');
		const lines = (await csv.text()).trim().split('\r\n');
		expect(lines[0]).toBe('month,new_learners,activities_published,enrolments,completions,badges_issued');
		expect(lines).toHaveLength(13);
		expect(lines.at(-1)).toMatch(/^\d{4}-\d{2},1,2,1,1,1$/);
		await context.close();

		// The period filter is a plain form: it works without JavaScript, and says what is wrong.
		const noScript = await newContext(browser, { javaScriptEnabled: false });
		await noScript.setExtraHTTPHeaders({ authorization: `Bearer ${cityAdmin.token}` });
		const plain = await noScript.newPage();
		await plain.goto(`${platform.server.url}/cities/${city.slug}/dashboard`);
		await plain.getByLabel('From').fill('2020-01-01');
		await plain.getByLabel('To (included)').fill('2020-06-30');
		await plain.getByRole('button', { name: 'Show this period' }).click();
		await plain.waitForURL(/from=2020-01-01/);
		expect(await plain.getByText('Period: 2020-01-01 to 2020-06-30 (UTC).').count()).toBe(1);
		expect(await plain.getByRole('table', { name: 'Key figures of the period' }).getByRole('row', { name: /Badges issued/ }).textContent()).toMatch(/0\s*$/);
		await plain.getByLabel('From').fill('2020-06-30');
		await plain.getByLabel('To (included)').fill('2020-01-01');
		await plain.getByRole('button', { name: 'Show this period' }).click();
		await plain.waitForURL(/to=2020-01-01/);
		expect(await plain.getByRole('alert').textContent()).toBeTruthy();
		await noScript.close();

		// The organisation's own dashboard, for its organiser; the open data page, for anyone.
		const organiser = await newContext(browser);
		await organiser.setExtraHTTPHeaders({ authorization: `Bearer ${owner.token}` });
		const orgPage = await organiser.newPage();
		await orgPage.goto(`${platform.server.url}/organisations/${organisation.id}`);
		await orgPage.getByRole('link', { name: 'Dashboard' }).click();
		await orgPage.waitForURL(/\/dashboard$/);
		await expectAccessible(orgPage, 'organisation dashboard');
		expect(await orgPage.getByRole('heading', { name: 'Targets' }).count()).toBe(0);
		expect((await orgPage.goto(`${platform.server.url}/cities/${city.slug}/dashboard`))?.status()).toBe(403);
		await organiser.close();

		const visitor = await newContext(browser);
		const open = await visitor.newPage();
		await open.goto(`${platform.server.url}/cities/${city.slug}/open-data`);
		await expectAccessible(open, 'open data');
		const learners = open.getByRole('table', { name: 'Key figures' }).getByRole('row').filter({ has: open.getByRole('rowheader', { name: 'Learners', exact: true }) });
		expect(await learners.textContent()).toContain('<5');
		await visitor.close();
	});
});
