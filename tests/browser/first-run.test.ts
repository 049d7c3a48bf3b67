/**
 * Journey 1 in the browser alone: the operator opens the setup link, creates the first admin and a
 * city; someone registers an organisation; the city approves it; its owner invites a member, who
 * accepts. Every page on the way is checked with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, linkIn, type TestServer } from '../support/server';
import { expectAccessible, launchBrowser, newContext, setupLinkFrom, visit } from '../support/browser';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

async function fill(page: Page, fields: Record<string, string>) {
	for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
}

describe('first run, in the browser', () => {
	let adminPage: Page;
	let organisationUrl = '';

	it('creates the first admin with the setup link and then a city', async () => {
		const context = await newContext(browser);
		adminPage = await context.newPage();
		await visit(adminPage, setupLinkFrom(server.logs()));
		await fill(adminPage, { Name: 'Ada Admin', 'E-mail address': 'ada@city.example.org', Password: 'ada admin password' });
		await adminPage.getByRole('button', { name: 'Create the admin account' }).click();
		await adminPage.waitForURL('**/admin?welcome=1');
		await expectAccessible(adminPage);

		await adminPage.getByRole('link', { name: 'Create a city' }).click();
		await adminPage.waitForURL('**/admin/cities/new');
		await expectAccessible(adminPage);
		await fill(adminPage, { 'Web address name': 'breda', Name: 'Breda', 'Time zone': 'Europe/Amsterdam', Latitude: '51.589', Longitude: '4.776' });
		await adminPage.getByRole('checkbox', { name: 'Nederlands' }).check();
		await adminPage.getByRole('checkbox', { name: 'English' }).check();
		await adminPage.getByLabel('Default language').selectOption('nl');
		await adminPage.getByRole('group', { name: 'Tagline' }).getByLabel('English').fill('Learning everywhere in Breda');
		await adminPage.getByRole('button', { name: 'Create city' }).click();
		await adminPage.waitForURL('**/cities/breda/admin?created=1');
		await expect.poll(() => adminPage.getByText('The city has been created.').isVisible()).toBe(true);
		await expectAccessible(adminPage);
	});

	it('shows form errors next to the fields and in a focused summary', async () => {
		await adminPage.goto('/admin/cities/new'.replace(/^/, server.url));
		await fill(adminPage, { 'Web address name': 'Bad Slug!', Name: 'X', 'Time zone': 'Nowhere/Land', Latitude: '50', Longitude: '4' });
		await adminPage.getByRole('button', { name: 'Create city' }).click();
		const summary = adminPage.getByRole('alert').filter({ hasText: 'There is a problem' });
		await expect.poll(() => summary.isVisible()).toBe(true);
		await expect.poll(() => adminPage.evaluate(() => document.activeElement?.textContent ?? '')).toContain('There is a problem');
		expect(await adminPage.getByLabel('Time zone').getAttribute('aria-invalid')).toBe('true');
		await expectAccessible(adminPage, 'city form with errors');
	});

	it('lets a new person register an organisation, which the city approves', async () => {
		const context = await newContext(browser);
		const page = await context.newPage();
		await visit(page, `${server.url}/signup`);
		await fill(page, { Name: 'Olga Organiser', 'E-mail address': 'olga@youth.example.org', Password: 'olga password 1' });
		await page.getByRole('button', { name: 'Create account' }).click();
		await page.waitForURL('**/account?welcome=1');
		await expectAccessible(page);

		await page.getByRole('link', { name: 'Register an organisation' }).first().click();
		await page.waitForURL('**/organisations/new');
		await expectAccessible(page);
		await fill(page, { 'Name of the organisation': 'Breda Youth Lab', 'Contact e-mail': 'lab@youth.example.org', Website: 'https://youthlab.example.org' });
		await page.getByLabel('Type').selectOption('youth_organisation');
		await page.getByRole('group', { name: 'Description' }).getByLabel('English').fill('Workshops for young makers.');
		await page.getByRole('button', { name: 'Register organisation' }).click();
		await page.waitForURL(/\/organisations\/[0-9a-f-]+\?registered=1/);
		organisationUrl = page.url().split('?')[0]!;
		await expect.poll(() => page.getByText('The city team has not reviewed').isVisible()).toBe(true);
		await expectAccessible(page);

		await visit(adminPage, `${server.url}/cities/breda/admin`);
		await adminPage.getByRole('button', { name: /^Approve\W+Breda Youth Lab$/ }).click();
		await expect.poll(() => adminPage.getByText('Breda Youth Lab is approved.').isVisible()).toBe(true);
		await visit(adminPage, `${server.url}/cities/breda`);
		expect(await adminPage.getByRole('link', { name: 'Breda Youth Lab' }).count()).toBe(1);

		await visit(page, `${organisationUrl}/members`);
		await page.getByLabel('E-mail address').fill('mo@youth.example.org');
		await page.getByLabel('Role', { exact: true }).selectOption('admin');
		await page.getByRole('button', { name: 'Send invitation' }).click();
		await expect.poll(() => page.getByText('An invitation has been sent to mo@youth.example.org.').isVisible()).toBe(true);
		await expectAccessible(page, 'members page after inviting');
	});

	it('lets the invited person sign up from the invitation and join', async () => {
		const mail = await server.waitForMail((m) => m.to === 'mo@youth.example.org' && m.kind === 'invitation');
		const link = linkIn(mail, '/invitations/');
		const context = await newContext(browser);
		const page = await context.newPage();
		await visit(page, link.toString());
		await page.getByRole('link', { name: 'Create an account' }).last().click();
		await fill(page, { Name: 'Mo Member', 'E-mail address': 'mo@youth.example.org', Password: 'mo password 12' });
		await page.getByRole('button', { name: 'Create account' }).click();
		await page.waitForURL(link.pathname.replace(/^/, '**'));
		await page.getByRole('button', { name: 'Accept the invitation' }).click();
		await page.waitForURL('**/members');
		await expectAccessible(page);
		expect(await page.getByRole('row', { name: /Mo Member/ }).textContent()).toContain('admin');
	});
});
