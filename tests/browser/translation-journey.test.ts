/**
 * Journey 5's last step in the browser: an organiser has an activity in English only, makes machine
 * drafts for Dutch and Italian with the keyboard, reviews the Dutch one in the side-by-side editor,
 * and a visitor sees "machine translated" on the Italian page only. Every page is checked with axe.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { approvedOrganisation, publishedActivity, startPlatform, type Platform } from '../support/factories';
import { expectAccessible, launchBrowser, newContext, openInteractive } from '../support/browser';

/** A LibreTranslate stand-in that prefixes the target language, so each draft is recognisable. */
const fake = http.createServer((request, response) => {
	let body = '';
	request.on('data', (chunk) => (body += chunk));
	request.on('end', () => {
		const input = JSON.parse(body) as { q: string[]; target: string };
		response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ translatedText: input.q.map((q) => `[${input.target}] ${q}`) }));
	});
});

let platform: Platform;
let browser: Browser;
let org: Awaited<ReturnType<typeof approvedOrganisation>>;
let activityId = '';

beforeAll(async () => {
	await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
	[platform, browser] = await Promise.all([startPlatform({ TRANSLATE_PROVIDER: 'libretranslate', TRANSLATE_URL: url }), launchBrowser()]);
	org = await approvedOrganisation(platform, { locales: ['en', 'nl', 'it'], defaultLocale: 'en' });
	activityId = (await publishedActivity(org.owner, org.organisation.id, { title: { en: 'Bike repair café' }, description: { en: 'Learn to **repair** bikes.\n\n- Tools are there\n- Bring a friend' } })).id;
});
afterAll(async () => {
	await browser?.close();
	await platform?.server.stop();
	fake.closeAllConnections();
	fake.close();
});

describe('translating an activity', () => {
	it('makes machine drafts for two languages with the keyboard and reviews one', async () => {
		const context = await newContext(browser);
		await context.setExtraHTTPHeaders({ authorization: `Bearer ${org.owner.token}`, 'accept-language': 'en-GB' });
		const page = await context.newPage();
		await openInteractive(page, `${platform.server.url}/activities/${activityId}`);
		await page.getByRole('link', { name: 'Translate' }).focus();
		await page.keyboard.press('Enter');
		await page.waitForURL('**/translations');
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await expectAccessible(page, 'translation editor, nothing translated');

		for (const language of ['Nederlands', 'Italiano']) {
			await page.getByRole('button', { name: `Machine draft: ${language}` }).focus();
			await page.keyboard.press('Enter');
			await expect.poll(() => page.getByText('Machine drafts made: 1.').isVisible()).toBe(true);
			await expect.poll(() => page.getByRole('row', { name: new RegExp(language) }).getByText('Machine draft', { exact: true }).isVisible()).toBe(true);
		}
		await expectAccessible(page, 'translation editor with drafts');

		await page.getByRole('link', { name: 'Edit Nederlands' }).focus();
		await page.keyboard.press('Enter');
		await page.waitForURL('**/translations?locale=nl');
		const title = page.getByLabel('Title', { exact: true });
		await expect.poll(() => title.inputValue()).toBe('[nl] Bike repair café');
		expect(await title.getAttribute('lang')).toBe('nl');
		expect(await page.getByLabel('Description', { exact: true }).inputValue()).toBe('[nl] Learn to **repair** bikes.\n\n- [nl] Tools are there\n- [nl] Bring a friend');
		await title.fill('Fietsenrepaircafé');
		await page.getByRole('button', { name: 'Save as reviewed' }).focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByText('The Nederlands translation is saved.').isVisible()).toBe(true);
		await expect.poll(() => page.getByRole('row', { name: /Nederlands/ }).getByText('Reviewed', { exact: true }).isVisible()).toBe(true);
		await expectAccessible(page, 'translation editor after review');
		await context.close();
	});

	it('shows visitors the machine translation notice only on the unreviewed language', async () => {
		for (const [locale, title, marked] of [['it', '[it] Bike repair café', true], ['nl', 'Fietsenrepaircafé', false]] as const) {
			const context = await newContext(browser, { locale });
			const page = await context.newPage();
			await page.goto(`${platform.server.url}/activities/${activityId}`);
			await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
			expect(await page.getByText(locale === 'it' ? 'Tradotto automaticamente, non ancora revisionato' : 'Machinaal vertaald, nog niet nagekeken').count()).toBe(marked ? 1 : 0);
			await expectAccessible(page, `activity page in ${locale}`);
			await context.close();
		}
	});

	it('works without JavaScript: the Italian draft is reviewed with a plain form post', async () => {
		const context = await newContext(browser, { javaScriptEnabled: false });
		await context.setExtraHTTPHeaders({ authorization: `Bearer ${org.owner.token}`, 'accept-language': 'en-GB' });
		const page = await context.newPage();
		await page.goto(`${platform.server.url}/activities/${activityId}/translations?locale=it`);
		await page.getByLabel('Title', { exact: true }).fill('Ciclofficina');
		await page.getByRole('button', { name: 'Save as reviewed' }).click();
		await page.waitForURL(/locale=it/);
		expect(await page.getByText('The Italiano translation is saved.').count()).toBe(1);
		expect(await page.getByRole('row', { name: /Italiano/ }).getByText('Reviewed', { exact: true }).count()).toBe(1);
		// (axe needs JavaScript in the page; the same page was checked above with it.)
		await context.close();
		const api = await platform.anonymous.get(`/api/v1/activities/${activityId}`);
		expect(api.body.machineTranslated).toEqual([]);
	});
});
