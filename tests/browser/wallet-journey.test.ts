/**
 * The learner's wallet in a browser: a wallet app asks for access, the learner signs in and allows it
 * with the keyboard alone (in Dutch), imports a badge from a baked image, and revokes the app again.
 * Each state is checked with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { approvedOrganisation, publishedActivity, startPlatform, type Platform } from '../support/factories';
import { expectAccessible, launchBrowser, newContext, openInteractive, reloadInteractive } from '../support/browser';
import { pkcePair, SCOPE, testWallet, type RegisteredClient } from '../support/ob3-wallet';

let platform: Platform;
let browser: Browser;
let client: RegisteredClient;
let credentialUrl: string;
const LEARNER = { email: 'wallet-owner@example.org', password: 'a good password', name: 'Wanda Wallet' };

beforeAll(async () => {
	[platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
	client = (await testWallet(platform.server.url).register()).body;
	const registered = await platform.anonymous.post('/api/v1/auth/register', LEARNER);
	const learner = platform.anonymous.as(registered.body.token);
	const { owner, organisation } = await approvedOrganisation(platform);
	const activity = await publishedActivity(owner, organisation.id, { badge: { name: { en: 'Kite flying' }, description: { en: 'Flies kites' }, criteria: { en: 'Flew a kite' } } });
	const joined = await learner.post(`/api/v1/activities/${activity.id}/enrolments`);
	credentialUrl = (await owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`)).body.credential.url;
});
afterAll(async () => {
	await browser?.close();
	await platform?.server.stop();
});

describe('connecting a wallet app', () => {
	it('asks a visitor to sign in, then lets them allow it with the keyboard alone', { timeout: 120_000 }, async () => {
		const context = await newContext(browser, { locale: 'nl' });
		const page = await context.newPage();
		const { challenge } = pkcePair();
		const authorize = testWallet(platform.server.url).authorizeUrl(client, { scope: `${SCOPE.read} ${SCOPE.profileRead}`, code_challenge: challenge, code_challenge_method: 'S256' });

		await openInteractive(page, authorize);
		expect(new URL(page.url()).pathname).toBe('/login');
		await page.getByLabel('E-mailadres').fill(LEARNER.email);
		await page.getByLabel('Wachtwoord').fill(LEARNER.password);
		await page.keyboard.press('Enter');
		await page.waitForURL('**/ims/ob/v3p0/auth/authorize?**');
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Pocket Wallet aan je badges koppelen?');
		await expect.poll(() => page.getByRole('listitem').filter({ hasText: 'Je badges bekijken' }).count(), { timeout: 10_000 }).toBe(1);
		await expectAccessible(page, 'consent page (nl)');

		for (let presses = 0; presses < 60; presses++) {
			await page.keyboard.press('Tab');
			if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === 'Toestaan') break;
		}
		expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Toestaan');
		expect(await page.evaluate(() => getComputedStyle(document.activeElement!).boxShadow)).not.toBe('none');
		// The app's own site is not on this network: the browser's request to go there is what counts.
		const backToApp = page.waitForRequest((request) => request.url().startsWith('https://wallet.example.org/callback'));
		await page.keyboard.press('Enter');
		const back = new URL((await backToApp).url());
		expect(back.searchParams.get('code')).toMatch(/^col_ob3c_/);
		expect(back.searchParams.get('state')).toBe('xyz-state');

		// A fresh tab: the first one is still failing to reach the app's site.
		const apps = await context.newPage();
		await openInteractive(apps, `${platform.server.url}/account/connected-apps`);
		expect(await apps.getByRole('row', { name: /Pocket Wallet/ }).count()).toBe(1);
		await expectAccessible(apps, 'connected apps (nl)');
		// Asked, then cancelled: nothing is revoked (the form must not go out before the answer).
		await apps.getByRole('button', { name: 'Toegang intrekken' }).focus();
		await apps.keyboard.press('Enter');
		await apps.getByRole('dialog').waitFor();
		await apps.keyboard.press('Escape');
		await reloadInteractive(apps);
		expect(await apps.getByRole('row', { name: /Pocket Wallet/ }).count()).toBe(1);
		await apps.getByRole('button', { name: 'Toegang intrekken' }).focus();
		await apps.keyboard.press('Enter');
		const confirm = apps.getByRole('dialog').getByRole('button', { name: 'Toegang intrekken' });
		await confirm.focus();
		await apps.keyboard.press('Enter');
		await expect.poll(() => apps.getByText('Toegang ingetrokken.').count(), { timeout: 10_000 }).toBe(1);
		expect(await apps.getByText('Er is geen app aan je account gekoppeld.').count()).toBe(1);
		await context.close();
	});

	it('explains a request from an unknown app without sending the browser anywhere', async () => {
		const context = await newContext(browser);
		const page = await context.newPage();
		const response = await page.goto(`${platform.server.url}/ims/ob/v3p0/auth/authorize?client_id=nobody&response_type=code`);
		expect(response?.status()).toBe(200);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This app cannot be connected');
		await expectAccessible(page, 'refused consent');
		await context.close();
	});
});

describe('importing a badge from elsewhere', () => {
	it('imports a baked image, shows the checks, keeps it and removes it again', { timeout: 120_000 }, async () => {
		const context = await newContext(browser);
		const page = await context.newPage();
		// Typed into only once the page has hydrated: Enter before that can be lost to hydration.
		await openInteractive(page, `${platform.server.url}/login`);
		await page.getByLabel('E-mail address').fill(LEARNER.email);
		await page.getByLabel('Password').fill(LEARNER.password);
		await page.keyboard.press('Enter');
		await page.waitForURL('**/account');
		await openInteractive(page, `${platform.server.url}/account/badges`);
		expect(await page.getByText('You have not imported any badges yet.').count()).toBe(1);
		await expectAccessible(page, 'badges page');

		await page.getByLabel('Link to the badge').fill('http://127.0.0.1:9/badge.json');
		await page.getByRole('button', { name: 'Check and import' }).click();
		await expect.poll(() => page.getByRole('alert').count(), { timeout: 10_000 }).toBeGreaterThan(0);
		await expectAccessible(page, 'import refused: private address');
		await page.getByLabel('Link to the badge').fill('');

		const png = Buffer.from(await (await fetch(`${credentialUrl}.png`)).arrayBuffer());
		await page.getByLabel('Or upload the badge image or file').setInputFiles({ name: 'kite.png', mimeType: 'image/png', buffer: png });
		await page.getByRole('button', { name: 'Check and import' }).click();
		await expect.poll(() => page.getByText('Imported: Kite flying').count(), { timeout: 10_000 }).toBe(1);
		expect(await page.getByRole('row', { name: /Kite flying.*Verified/ }).count()).toBe(1);
		await expectAccessible(page, 'import done');

		await page.getByRole('row', { name: /Verified/ }).getByRole('button', { name: 'Remove' }).click();
		const confirm = page.getByRole('dialog').getByRole('button', { name: 'Remove' });
		await confirm.focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByText('The badge was removed from your wallet.').count(), { timeout: 20_000 }).toBe(1);
		expect(await page.getByText('You have not imported any badges yet.').count()).toBe(1);
		await context.close();
	});
});
