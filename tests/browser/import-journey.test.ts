/**
 * Importing from the import page, as an organiser does it: each real sample from another platform
 * (where `../shared/import-samples` is beside the project) is recognised, previewed and imported, and
 * the same file again creates nothing; a spreadsheet in another layout is read after the organiser
 * says, with the keyboard, which column holds what; a broken file is refused with a clear message and
 * changes nothing. The mapping step is checked with axe.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { approvedOrganisation, startPlatform, type Platform } from '../support/factories';
import { expectAccessible, launchBrowser, newContext, openInteractive } from '../support/browser';
import { IMPORT_SAMPLES, SAMPLES_DIR } from '../support/imports';

let platform: Platform;
let browser: Browser;
let org: Awaited<ReturnType<typeof approvedOrganisation>>;

beforeAll(async () => {
	[platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
	org = await approvedOrganisation(platform, { slug: 'breda-imports', name: 'Breda', locales: ['en', 'nl'], defaultLocale: 'en', timezone: 'Europe/Amsterdam' });
});
afterAll(async () => {
	await browser?.close();
	await platform?.server.stop();
});

async function importPage(): Promise<Page> {
	const context = await newContext(browser);
	await context.setExtraHTTPHeaders({ authorization: `Bearer ${org.owner.token}` });
	const page = await context.newPage();
	await openInteractive(page, `${platform.server.url}/organisations/${org.organisation.id}/import`);
	return page;
}

async function preview(page: Page, file: { name: string; buffer: Buffer }) {
	await page.getByLabel('File', { exact: true }).setInputFiles({ ...file, mimeType: 'application/octet-stream' });
	await page.getByRole('button', { name: 'Show what would be imported' }).click();
}

const drafts = async () => (await org.owner.get(`/api/v1/organisations/${org.organisation.id}/activities?status=draft&limit=100`)).body as { total: number; items: { id: string; title: Record<string, string> }[] };

const runCount = async () => ((await org.owner.get(`/api/v1/imports?organisation=${org.organisation.id}`)).body as { items: unknown[] }).items.length;

describe.runIf(fs.existsSync(SAMPLES_DIR))('the samples of other platforms, through the import page', () => {
	it('recognises, previews and imports each one; the same file again creates nothing', { timeout: 180_000 }, async () => {
		const page = await importPage();
		for (const { file, label } of IMPORT_SAMPLES) {
			const sample = { name: path.basename(file), buffer: fs.readFileSync(path.join(SAMPLES_DIR, file)) };
			await openInteractive(page, page.url());
			await preview(page, sample);
			await expect.poll(() => page.getByRole('heading', { level: 3 }).first().textContent(), { message: file }).toBe(`Preview: ${label}`);
			await page.getByRole('button', { name: 'Import the selected ones' }).click();
			await expect.poll(() => page.getByRole('alert').or(page.getByRole('status')).first().textContent(), { message: file }).toMatch(/Import done\s*New: [1-9]\d* · Updated: 0/);

			await openInteractive(page, page.url());
			await preview(page, sample);
			await expect.poll(() => page.getByText(/^New: \d+ · Updated/).first().textContent(), { message: `${file}, again` }).toMatch(/^New: 0 · Updated: 0 · Skipped: [1-9]/);
		}
		await page.context().close();
	});
});

describe('a spreadsheet in its own layout', () => {
	it('is read once the organiser says which column holds what', { timeout: 90_000 }, async () => {
		const before = (await drafts()).total;
		const runsBefore = await runCount();
		const page = await importPage();
		const csv = ['Kop;Wanneer;Waar;Over', 'Zeefdrukken;12-03-2031 14:00;Haagweg 1, Breda;Print je eigen tas.', 'Beats maken;11-04-2031 15:30;Chasséveld 2, Breda;Maak je eerste beat.', ''].join('\r\n');
		await preview(page, { name: 'agenda.csv', buffer: Buffer.from(csv, 'utf8') });

		// Nothing names a title: the page says so and opens the columns, our guess chosen in each.
		await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/Nothing could be read with these columns/);
		const title = page.getByLabel('Title', { exact: true });
		expect(await title.inputValue()).toBe('');
		expect(await page.getByLabel('Title', { exact: true }).locator('option').allTextContents()).toEqual(['Not in this file', 'Kop (e.g. Zeefdrukken)', 'Wanneer (e.g. 12-03-2031 14:00)', 'Waar (e.g. Haagweg 1, Breda)', 'Over (e.g. Print je eigen tas.)']);
		await expectAccessible(page, 'import: choosing columns');

		// With the keyboard: a letter picks the column in a list, Enter reads the file again.
		await title.focus();
		await page.keyboard.type('K');
		expect(await title.inputValue()).toBe('Kop');
		await page.getByLabel('Start', { exact: true }).focus();
		await page.keyboard.type('W');
		await page.getByLabel('Full address', { exact: true }).selectOption('Waar');
		await page.getByLabel('Description', { exact: true }).selectOption('Over');
		await page.getByLabel('Dates like 01/02/2030').selectOption('dmy');
		await page.getByRole('button', { name: 'Read the file again with these columns' }).focus();
		await page.keyboard.press('Enter');

		await expect.poll(() => page.getByText(/^New: \d+ · Updated/).first().textContent()).toBe('New: 2 · Updated: 0 · Skipped: 0 · Problems: 0');
		// The choices stay as made, to correct again if needed.
		expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Kop');
		expect(await page.getByLabel('Dates like 01/02/2030').inputValue()).toBe('dmy');
		await page.getByRole('button', { name: 'Import the selected ones' }).click();
		await expect.poll(() => page.getByRole('alert').or(page.getByRole('status')).first().textContent()).toMatch(/New: 2/);

		const after = await drafts();
		expect(after.total).toBe(before + 2);
		const printing = after.items.find((item) => Object.values(item.title).includes('Zeefdrukken'))!;
		const activity = (await org.owner.get(`/api/v1/activities/${printing.id}`)).body;
		// 12 March 2031, 14:00 in Breda (UTC+1 in winter).
		expect(activity).toMatchObject({ startsAt: '2031-03-12T13:00:00.000Z', location: expect.objectContaining({ address: 'Haagweg 1, Breda' }) });
		expect(Object.values(activity.description)).toContain('Print je eigen tas.');
		// The preview read with the first guess was replaced, not left behind as a second preview.
		expect(await runCount()).toBe(runsBefore + 1);
		await page.context().close();
	});

	it('refuses a broken file with a clear message and creates nothing', async () => {
		const before = (await drafts()).total;
		const page = await importPage();
		await preview(page, { name: 'broken.ics', buffer: Buffer.from('BEGIN:VCALENDAR\r\nthis is not a calendar\r\n', 'utf8') });
		await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/Nothing could be imported from this file/);
		expect(await page.getByRole('button', { name: 'Import the selected ones' }).count()).toBe(0);
		expect((await drafts()).total).toBe(before);
		await page.context().close();
	});
});
