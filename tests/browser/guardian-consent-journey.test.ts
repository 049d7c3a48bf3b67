/**
 * A city's guardian rule in the browser: the city admin sets the age in the city settings; a young
 * learner is refused at "Join" with a link to ask a guardian, asks with the keyboard, the guardian
 * consents from the mailed link without an account, and the learner joins. Each page is axe-checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../support/factories';
import { linkIn } from '../support/server';
import { expectAccessible, launchBrowser, newContext, openInteractive } from '../support/browser';

let platform: Platform;
let browser: Browser;

beforeAll(async () => {
	[platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
}, 120_000);
afterAll(async () => {
	await browser?.close();
	await platform?.server.stop();
});

async function pageAs(token: string | undefined) {
	const context = await newContext(browser);
	if (token) await context.setExtraHTTPHeaders({ authorization: `Bearer ${token}` });
	// In English whatever the city's language (city pages otherwise follow the city's default).
	await context.addCookies([{ name: 'col_locale', value: 'en', url: platform.server.url }]);
	return { context, page: await context.newPage() };
}

describe('guardian consent', () => {
	it('is set by the city, asked by the learner, given by the guardian, and then the learner joins', { timeout: 120_000 }, async () => {
		const { city, cityAdmin, owner, organisation } = await approvedOrganisation(platform);
		const activity = await publishedActivity(owner, organisation.id, { title: { en: 'Street art walk' } });

		const admin = await pageAs(cityAdmin.token);
		await openInteractive(admin.page, `${platform.server.url}/cities/${city.slug}/admin/settings`);
		await admin.page.getByLabel('Guardian’s consent needed under the age of').fill('16');
		await admin.page.getByRole('button', { name: 'Save' }).click();
		await admin.page.getByText('Your changes have been saved.').waitFor();
		expect((await platform.anonymous.get(`/api/v1/cities/${city.slug}`)).body.guardianConsentUnder).toBe(16);
		await admin.context.close();

		const learner = await signUp(platform, 'young');
		await learner.put('/api/v1/me/learning-profile', { birthYear: new Date().getUTCFullYear() - 14 });
		const { context, page } = await pageAs(learner.token);
		await openInteractive(page, `${platform.server.url}/activities/${activity.id}`);
		await page.getByRole('button', { name: 'Join this activity' }).click();
		await page.getByText('need a guardian’s consent').first().waitFor();
		await expectAccessible(page, 'refused join');
		await page.getByRole('link', { name: 'Ask your guardian for consent' }).click();
		await page.waitForURL('**/account/guardian');
		await openInteractive(page, page.url());
		await expectAccessible(page, 'guardian consent request');
		await page.getByLabel('Your guardian’s name').fill('Ann Parent');
		await page.getByLabel('Your guardian’s e-mail address').fill('ann.parent@example.org');
		await page.getByLabel('Your guardian’s e-mail address').press('Enter');
		await page.getByText('We have sent the request to ann.parent@example.org.').waitFor();
		await page.getByText('Waiting for Ann Parent').waitFor();

		const link = linkIn(await platform.server.waitForMail((m) => m.to === 'ann.parent@example.org'), '/guardian-consent/');
		const guardian = await pageAs(undefined);
		await openInteractive(guardian.page, link.href);
		await expectAccessible(guardian.page, 'guardian page');
		await guardian.page.getByRole('button', { name: /^I give my consent for/ }).click();
		await guardian.page.getByText('can now join learning activities').waitFor();
		await expectAccessible(guardian.page, 'guardian thanked');
		await guardian.context.close();

		await openInteractive(page, `${platform.server.url}/activities/${activity.id}`);
		await page.getByRole('button', { name: 'Join this activity' }).click();
		await page.getByText('You have joined').first().waitFor();
		await context.close();
	});
});
