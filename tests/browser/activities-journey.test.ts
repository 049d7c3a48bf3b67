/**
 * Journeys 2 and 3 up to joining, in the browser: an organiser creates and publishes an activity in two
 * languages with skills from two frameworks and a quality self-assessment; the city grants the label;
 * a learner finds it by a word, a skill, the map, a date, online-only and an accessibility need, joins
 * it with the keyboard, and gets it in their calendar. Every page on the way is checked with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../support/factories';
import { expectAccessible, launchBrowser, newContext, openInteractive } from '../support/browser';

let platform: Platform;
let browser: Browser;
let org: Awaited<ReturnType<typeof approvedOrganisation>>;
let activityId = '';

async function asUser(token: string | undefined): Promise<{ context: BrowserContext; page: Page }> {
	const context = await newContext(browser);
	if (token) await context.setExtraHTTPHeaders({ authorization: `Bearer ${token}`, 'accept-language': 'en-GB' });
	return { context, page: await context.newPage() };
}

beforeAll(async () => {
	[platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
	org = await approvedOrganisation(platform, { slug: 'breda', name: 'Breda', locales: ['en', 'nl'], defaultLocale: 'en' });
	// Another, online activity, so that "online only" has something to tell apart.
	await publishedActivity(org.owner, org.organisation.id, { title: { en: 'Podcast lab online' }, mode: 'online', location: null, url: 'https://meet.example.org/pod', skills: ['digcomp:3.1'], accessibility: [] });
});
afterAll(async () => {
	await browser?.close();
	await platform?.server.stop();
});

describe('an activity from creation to joining', () => {
	it('is created by an organiser in two languages with skills from two frameworks', { timeout: 150_000 }, async () => {
		const { context, page } = await asUser(org.owner.token);
		await openInteractive(page, `${platform.server.url}/activities/new?organisation=${org.organisation.id}`);
		await expectAccessible(page, 'new activity');
		await page.getByLabel('Title (English)', { exact: true }).fill('Street art and storytelling');
		await page.getByLabel('Description (English)', { exact: true }).fill('Paint a **mural** and tell its story.');
		await page.getByLabel('Title (Nederlands)', { exact: true }).fill('Straatkunst en verhalen vertellen');
		await page.getByLabel('Description (Nederlands)', { exact: true }).fill('Schilder een **muurschildering** en vertel het verhaal.');
		await page.getByLabel('Starts', { exact: true }).fill('2030-03-21T14:00');
		await page.getByLabel('Ends', { exact: true }).fill('2030-03-21T17:00');
		await page.getByLabel('Address', { exact: true }).fill('Havermarkt 1, Breda');
		await page.getByLabel('Latitude').fill('51.5886');
		await page.getByLabel('Longitude').fill('4.7759');
		await page.getByRole('checkbox', { name: 'English' }).check();
		await page.getByRole('checkbox', { name: 'Step-free access' }).check();
		await page.getByLabel('Filter skills').fill('creativity');
		await page.getByRole('checkbox', { name: /^Creativity/ }).first().check();
		await page.getByLabel('Filter skills').fill('digital content');
		await page.getByRole('checkbox', { name: /^Developing digital content/ }).check();
		await expect.poll(() => page.getByText('2 skills chosen').isVisible()).toBe(true);
		await page.getByRole('button', { name: 'Save draft' }).click();
		await page.waitForURL(/\/activities\/[0-9a-f-]+\/edit\?created=1/);
		activityId = page.url().split('/activities/')[1]!.split('/')[0]!;
		await expectAccessible(page, 'activity editor');

		await page.getByRole('link', { name: 'Quality self-assessment' }).click();
		await page.waitForURL('**/quality');
		for (const box of await page.getByRole('checkbox', { name: 'We meet this' }).all()) await box.check();
		await page.getByRole('button', { name: 'Save the self-assessment' }).click();
		await expect.poll(() => page.getByText('The self-assessment has been saved.').isVisible()).toBe(true);
		await expectAccessible(page, 'quality self-assessment');

		await page.goto(`${platform.server.url}/activities/${activityId}/edit`);
		await page.getByRole('button', { name: 'Publish' }).click();
		await expect.poll(() => page.getByText('The activity is published.').isVisible()).toBe(true);
		await context.close();

		const api = await platform.anonymous.get(`/api/v1/activities/${activityId}`);
		expect(api.body.status).toBe('published');
		expect([...api.body.frameworks].sort()).toEqual(['digcomp', 'entrecomp']);
		expect(api.body.title).toEqual({ en: 'Street art and storytelling', nl: 'Straatkunst en verhalen vertellen' });
		expect(api.body.startsAt).toBe('2030-03-21T13:00:00.000Z');
	});

	it('gets the quality label from the city', async () => {
		const { context, page } = await asUser(org.cityAdmin.token);
		await page.goto(`${platform.server.url}/cities/breda/admin/activities`);
		await page.getByRole('link', { name: 'Street art and storytelling' }).click();
		await page.waitForURL('**/quality');
		await page.getByLabel('Decision').selectOption('granted');
		await page.getByRole('button', { name: 'Record the decision' }).click();
		await expect.poll(() => page.getByText('This activity carries the city').isVisible()).toBe(true);
		await expectAccessible(page, 'quality review');
		await context.close();
	});

	it('is found by a learner by word, skill, map, date, online-only and accessibility', async () => {
		const { context, page } = await asUser(undefined);
		const url = (query: string) => `${platform.server.url}/activities?${query}`;
		const titles = async () => page.locator('.list h2').allTextContents();

		// Filled before hydration, the field would be reset by it.
		await openInteractive(page, url(''));
		await page.getByLabel('Words').fill('mural');
		await page.getByRole('button', { name: 'Show activities' }).click();
		await page.waitForURL(/q=mural/);
		expect(await titles()).toEqual(['Street art and storytelling']);
		await expectAccessible(page, 'search results');

		await page.goto(url(''));
		await page.getByLabel('Skill', { exact: true }).selectOption('entrecomp:1');
		await page.getByRole('button', { name: 'Show activities' }).click();
		await page.waitForURL(/skill=entrecomp/);
		expect(await titles()).toEqual(['Street art and storytelling']);

		await page.goto(url('mode=online'));
		expect(await titles()).toEqual(['Podcast lab online']);
		await page.goto(url('accessibility=step_free_access&quality=true'));
		expect(await titles()).toEqual(['Street art and storytelling']);
		await page.goto(url('from=2030-03-21&to=2030-03-21'));
		expect(await titles()).toContain('Street art and storytelling');

		await openInteractive(page, url('view=map&city=breda'));
		await expect.poll(() => page.locator('.leaflet-marker-icon[title="Street art and storytelling"]').count()).toBe(1);
		expect(await titles()).toContain('Street art and storytelling');
		await expectAccessible(page, 'map view');

		await page.goto(url('view=calendar&month=2030-03'));
		expect(await page.getByRole('cell', { name: /Street art and storytelling/ }).count()).toBe(1);
		await expectAccessible(page, 'calendar view');
		await context.close();
	});

	it('is joined with the keyboard alone and lands in the calendar', async () => {
		const learner = await signUp(platform, 'keyboard');
		const { context, page } = await asUser(learner.token);
		await openInteractive(page, `${platform.server.url}/activities/${activityId}`);
		expect(await page.locator('script[type="application/ld+json"]').count()).toBe(1);
		const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
		expect(jsonLd).toMatchObject({ '@type': 'EducationEvent', name: 'Street art and storytelling', startDate: '2030-03-21T13:00:00.000Z' });
		await expectAccessible(page, 'activity page');

		for (let i = 0; i < 40; i++) {
			await page.keyboard.press('Tab');
			if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === 'Join this activity') break;
		}
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByText('You have joined this activity.').isVisible()).toBe(true);
		const ics = await page.request.get(`${platform.server.url}/activities/${activityId}.ics`);
		expect(await ics.text()).toContain('SUMMARY:Street art and storytelling');

		await page.goto(`${platform.server.url}/my-activities`);
		expect(await page.getByRole('link', { name: 'Street art and storytelling' }).count()).toBe(1);
		await expectAccessible(page, 'my activities');
		await context.close();
	});
});
