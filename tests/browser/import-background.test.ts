/**
 * A large import from the import page: the organiser previews a file of 250 records, applies it, and
 * lands on the run's page, which shows a labelled progress bar and a polite status, then the result
 * report. Without JavaScript the same page works with its refresh link. Checked with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { approvedOrganisation, startPlatform, type Platform } from '../support/factories';
import { expectAccessible, launchBrowser, newContext, openInteractive } from '../support/browser';
import { largeCsv } from '../support/imports';

let platform: Platform;
let browser: Browser;
let org: Awaited<ReturnType<typeof approvedOrganisation>>;

beforeAll(async () => {
	[platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
	org = await approvedOrganisation(platform, { slug: 'tilburg', name: 'Tilburg', locales: ['en'], defaultLocale: 'en' });
});
afterAll(async () => {
	await browser?.close();
	await platform?.server.stop();
});

describe('a large import from the import page', () => {
	it('runs in the background with a progress page and ends with the report', { timeout: 120_000 }, async () => {
		const context = await newContext(browser);
		await context.setExtraHTTPHeaders({ authorization: `Bearer ${org.owner.token}` });
		const page = await context.newPage();
		await openInteractive(page, `${platform.server.url}/organisations/${org.organisation.id}/import`);
		await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'labs.csv', mimeType: 'text/csv', buffer: Buffer.from(largeCsv('web', 250)) });
		await page.getByRole('button', { name: 'Show what would be imported' }).click();
		await page.getByRole('button', { name: 'Import the selected ones' }).click();
		await page.waitForURL(/\/import\/[0-9a-f-]{36}$/);
		await expect.poll(() => page.getByRole('status').textContent(), { timeout: 60_000 }).toMatch(/New: 250/);
		const bar = page.getByRole('progressbar', { name: /250 of 250 records written/ });
		expect(await bar.getAttribute('value')).toBe('250');
		expect(await page.getByRole('table').getByRole('row').count()).toBe(251);
		await expectAccessible(page, 'import run');
		const runUrl = page.url();
		await context.close();

		// Without JavaScript: the page renders the bar, the status and the report as well.
		const plain = await newContext(browser, { javaScriptEnabled: false });
		await plain.setExtraHTTPHeaders({ authorization: `Bearer ${org.owner.token}` });
		// (axe already checked this page above; the same markup without the script.)
		const still = await plain.newPage();
		expect((await still.goto(runUrl))?.status()).toBe(200);
		expect(await still.getByRole('progressbar').getAttribute('max')).toBe('250');
		expect(await still.getByRole('status').textContent()).toMatch(/Import done/);
		await plain.close();
	});
});
