/**
 * Journey 4 in the browser: an organiser builds a playlist from three activities with the keyboard and
 * publishes it; the city features it; a learner on a phone follows it, sees "Done: 2 of 2" once two
 * badges are awarded, and finds the playlist badge that was issued by itself. Every page is checked
 * with axe on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../support/factories';
import { expectAccessible, launchBrowser, newContext, openInteractive, reloadInteractive } from '../support/browser';

let platform: Platform;
let browser: Browser;

beforeAll(async () => {
	[platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
});
afterAll(async () => {
	await browser?.close();
	await platform?.server.stop();
});

describe('a playlist from building to its badge', () => {
	it('is built and published by an organiser, followed by a learner, and completed', { timeout: 120_000 }, async () => {
		const { owner, organisation, cityAdmin, city } = await approvedOrganisation(platform);
		const steps = [];
		for (const title of ['Stage fright workshop', 'Podcast basics', 'Speak at the youth council']) steps.push(await publishedActivity(owner, organisation.id, { title: { en: title } }));

		const organiser = await newContext(browser);
		await organiser.setExtraHTTPHeaders({ authorization: `Bearer ${owner.token}` });
		const page = await organiser.newPage();
		await openInteractive(page, `${platform.server.url}/organisations/${organisation.id}/playlists`);
		await page.getByRole('link', { name: 'New playlist' }).click();
		await page.waitForURL(/\/playlists\/new/);
		await expectAccessible(page, 'new playlist');
		await page.getByLabel('Title (English)').fill('Find your voice');
		await page.getByLabel('Story (English)').fill('Three steps to **speaking up**.');
		await page.getByLabel('Step 1', { exact: true }).selectOption({ label: 'Stage fright workshop — ' + organisation.name });
		await page.getByLabel('Step 2', { exact: true }).selectOption({ label: 'Podcast basics — ' + organisation.name });
		await page.getByLabel('Step 2 is required').uncheck();
		await page.getByLabel('Step 3', { exact: true }).selectOption({ label: 'Speak at the youth council — ' + organisation.name });
		await page.getByLabel('Steps to complete').fill('2');
		await page.getByRole('button', { name: 'Save draft' }).press('Enter');
		await page.waitForURL(/\/playlists\/[0-9a-f-]+\/edit\?created/);
		const playlistId = new URL(page.url()).pathname.split('/')[2]!;
		await expectAccessible(page, 'edit playlist');
		await page.getByRole('button', { name: 'Publish' }).press('Enter');
		await expect.poll(() => page.getByText('The playlist is published').count()).toBe(1);
		await organiser.close();

		const created = (await platform.anonymous.get(`/api/v1/playlists/${playlistId}`)).body;
		expect(created).toMatchObject({ status: 'published', requiredCount: 2, items: [{ required: true }, { required: false }, { required: true }] });

		const admin = await newContext(browser);
		await admin.setExtraHTTPHeaders({ authorization: `Bearer ${cityAdmin.token}` });
		const adminPage = await admin.newPage();
		await openInteractive(adminPage, `${platform.server.url}/playlists/${playlistId}`);
		await adminPage.getByRole('button', { name: "Feature on the city's home page" }).press('Enter');
		await expect.poll(() => adminPage.getByText('The playlist is featured').count()).toBe(1);
		await openInteractive(adminPage, `${platform.server.url}/cities/${city.slug}`);
		expect(await adminPage.getByRole('link', { name: 'Find your voice' }).count()).toBe(1);
		await admin.close();

		const learner = await signUp(platform, 'follower');
		const phone = await newContext(browser, { width: 360 });
		await phone.setExtraHTTPHeaders({ authorization: `Bearer ${learner.token}` });
		const learnerPage = await phone.newPage();
		await openInteractive(learnerPage, `${platform.server.url}/playlists/${playlistId}`);
		await expectAccessible(learnerPage, 'playlist page');
		await learnerPage.getByRole('button', { name: 'Follow this playlist' }).press('Enter');
		await expect.poll(() => learnerPage.getByText('Done: 0 of 2').count()).toBe(1);
		expect(await learnerPage.getByRole('link', { name: 'Stage fright workshop' }).count()).toBeGreaterThan(0);

		for (const step of [steps[0]!, steps[2]!]) {
			const joined = await learner.post(`/api/v1/activities/${step.id}/enrolments`);
			expect((await owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`)).status).toBe(201);
		}
		await reloadInteractive(learnerPage);
		expect(await learnerPage.getByText('Done: 2 of 2').count()).toBe(1);
		expect(await learnerPage.getByText("You earned this playlist's badge.").count()).toBe(1);
		await expectAccessible(learnerPage, 'completed playlist');
		await learnerPage.getByRole('link', { name: 'View your badge' }).click();
		await learnerPage.waitForURL(/\/credentials\//);
		expect(await learnerPage.getByText('Verified', { exact: true }).count()).toBe(1);
		await expectAccessible(learnerPage, 'playlist credential');

		await openInteractive(learnerPage, `${platform.server.url}/my-activities`);
		expect(await learnerPage.getByRole('link', { name: 'Find your voice' }).count()).toBe(1);
		await phone.close();
	});
});
