/**
 * The accessibility check every browser test relies on must itself fail on a page with violations,
 * also after a client-side change to the page it already checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, newContext } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

describe('the axe check', () => {
	it('passes a clean page and names the violations of a broken one', async () => {
		const context = await newContext(browser);
		const page = await context.newPage();
		await page.setContent('<!doctype html><html lang="en"><head><title>Clean</title></head><body><main><h1>Clean</h1><p>Nothing wrong.</p></main></body></html>');
		await expectAccessible(page, 'clean page');

		// The same window (axe already loaded), now with an unlabelled button and an image without text.
		await page.evaluate(() => {
			document.querySelector('main')!.insertAdjacentHTML('beforeend', '<button></button><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">');
		});
		const failure = await expectAccessible(page, 'broken page').then(
			() => undefined,
			(error: { message: string; actual?: string[] }) => error
		);
		expect(failure?.message).toContain('axe violations on broken page');
		expect(failure?.actual?.map((line) => line.split(' ')[0]).sort()).toEqual(['button-name', 'image-alt']);
		await context.close();
	});
});
