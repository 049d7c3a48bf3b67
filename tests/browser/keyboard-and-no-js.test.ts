/**
 * The core forms work with the keyboard alone and without JavaScript.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startPlatform, type Platform } from '../support/factories';
import { launchBrowser, newContext, openInteractive } from '../support/browser';

let platform: Platform;
let browser: Browser;

beforeAll(async () => {
	[platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
	await platform.anonymous.post('/api/v1/auth/register', { email: 'keys@example.org', password: 'keyboard only', name: 'Kim Keys' });
});
afterAll(async () => {
	await browser?.close();
	await platform?.server.stop();
});

describe('keyboard only', () => {
	it('skips to the content and signs in without a mouse', async () => {
		const context = await newContext(browser);
		const page = await context.newPage();
		await openInteractive(page, `${platform.server.url}/login`);
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
		expect(await page.evaluate(() => getComputedStyle(document.activeElement!).top)).not.toMatch(/^-/);
		await page.keyboard.press('Enter');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('email');
		await page.keyboard.type('keys@example.org');
		await page.keyboard.press('Tab');
		await page.keyboard.type('keyboard only');
		await page.keyboard.press('Enter');
		await page.waitForURL('**/account');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('My account');
		await context.close();
	});

	it('shows a focus indicator on links and buttons', async () => {
		const context = await newContext(browser);
		const page = await context.newPage();
		await page.goto(`${platform.server.url}/`);
		await page.keyboard.press('Tab');
		await page.keyboard.press('Tab');
		const ring = await page.evaluate(() => getComputedStyle(document.activeElement!).boxShadow);
		expect(ring).not.toBe('none');
		await context.close();
	});
});

describe('without JavaScript', () => {
	it('signs up, changes language and reports form errors', async () => {
		const context = await newContext(browser, { javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`${platform.server.url}/signup`);
		await page.getByLabel('Name', { exact: true }).fill('Nadia No-Script');
		await page.getByLabel('E-mail address').fill('keys@example.org');
		await page.getByLabel('Password').fill('no script needed');
		await page.getByRole('button', { name: 'Create account' }).click();
		await page.waitForLoadState();
		expect(await page.getByRole('alert').textContent()).toContain('An account with this e-mail address already exists.');

		await page.getByLabel('E-mail address').fill('nadia@example.org');
		await page.getByLabel('Password').fill('no script needed');
		await page.getByRole('button', { name: 'Create account' }).click();
		await page.waitForURL('**/account?welcome=1');

		await page.getByLabel('Language', { exact: true }).selectOption('el');
		await page.getByRole('button', { name: 'Change', exact: true }).click();
		await page.waitForURL('**/account?welcome=1');
		expect(await page.getAttribute('html', 'lang')).toBe('el');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).not.toBe('My account');
		await context.close();
	});
});
