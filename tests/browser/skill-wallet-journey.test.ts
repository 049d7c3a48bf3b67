/**
 * Journey 4's end in the browser: a learner with badges filters their wallet with the keyboard, reads
 * the skill profile, switches on a public profile that a visitor then sees, and prints a CV of chosen
 * badges; then the wallet and a badge's QR code open again without a connection, and signing out
 * removes the copies kept offline. Every page on the way is checked with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../support/factories';
import { expectAccessible, launchBrowser, newContext, openInteractive } from '../support/browser';

let platform: Platform;
let browser: Browser;
let learner: Awaited<ReturnType<typeof signUp>>;
const credentials: Record<string, string> = {};

beforeAll(async () => {
	[platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
	const { owner, organisation } = await approvedOrganisation(platform);
	learner = await signUp(platform, 'wallet');
	for (const [title, skills] of [['Speak up', ['lifecomp:P2', 'lifecomp:S1']], ['Code club', ['digcomp:3.4']], ['Garden lab', ['greencomp:1.1', 'lifecomp:P2']]] as const) {
		const activity = await publishedActivity(owner, organisation.id, { title: { en: title }, skills: [...skills] });
		const joined = await learner.post(`/api/v1/activities/${activity.id}/enrolments`);
		credentials[title] = (await owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`)).body.credential.id;
	}
}, 120_000);
afterAll(async () => {
	await browser?.close();
	await platform?.server.stop();
});

/** Signs in through the form, as a person does: the session cookie is what the service worker sees. */
async function signedIn(): Promise<{ context: BrowserContext; page: Page }> {
	// With the service worker: the offline journey is about it, and the others see what a learner sees.
	const context = await newContext(browser, { serviceWorkers: true });
	const page = await context.newPage();
	await openInteractive(page, `${platform.server.url}/login`);
	await page.getByLabel('E-mail address').fill(learner.email);
	await page.getByLabel('Password', { exact: true }).fill('a good password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL('**/account');
	return { context, page };
}

const cardNames = (page: Page) => page.locator('article.credential h3').allTextContents();

describe('the skill wallet', () => {
	it('filters, shows the skill profile, publishes a profile and prints a CV', { timeout: 120_000 }, async () => {
		const { context, page } = await signedIn();
		await page.getByRole('link', { name: 'Wallet', exact: true }).click();
		await page.waitForURL('**/wallet');
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await expectAccessible(page, 'wallet');
		expect((await cardNames(page)).sort()).toEqual(['Code club', 'Garden lab', 'Speak up']);

		// Filter with the keyboard: choose a framework, then press the button.
		await page.getByLabel('Framework').focus();
		await page.getByLabel('Framework').selectOption({ label: 'DigComp 2.2' });
		await page.getByRole('button', { name: 'Show badges' }).press('Enter');
		await page.waitForURL(/framework=digcomp/);
		expect(await cardNames(page)).toEqual(['Code club']);
		await page.getByLabel('Framework').selectOption('');
		await page.getByLabel('Skill').selectOption({ label: 'Flexibility (LifeComp)' });
		await page.getByRole('button', { name: 'Show badges' }).click();
		await page.waitForURL(/skill=lifecomp/);
		expect((await cardNames(page)).sort()).toEqual(['Garden lab', 'Speak up']);
		await expectAccessible(page, 'filtered wallet');

		await page.getByRole('link', { name: 'See my skill profile' }).click();
		await page.waitForURL('**/wallet/skills');
		await page.getByText('Show as a table').first().click();
		await expectAccessible(page, 'skill profile');
		const cell = (id: string) => page.locator(`tr[data-competence="${id}"] td.number`).textContent();
		expect(await cell('lifecomp:P2')).toBe('2');
		expect(await cell('lifecomp:S1')).toBe('1');
		expect(await cell('lifecomp:P1')).toBe('0');
		expect(await cell('digcomp:3.4')).toBe('1');
		expect(await cell('greencomp:1.1')).toBe('1');

		await openInteractive(page, `${platform.server.url}/account/profile`);
		await expectAccessible(page, 'public profile settings');
		await page.getByLabel('Show my public profile').check();
		await page.getByLabel('Name on the profile').fill('Sam');
		await page.getByLabel('Headline').fill('Looking for an apprenticeship');
		await page.getByRole('checkbox', { name: /^Speak up/ }).check();
		await page.getByRole('checkbox', { name: /^Code club/ }).check();
		await page.getByRole('button', { name: 'Save' }).click();
		await page.getByText('Saved. Your public profile is on.').waitFor();
		const profileUrl = await page.getByLabel('Link to your public profile').inputValue();
		expect(profileUrl).toMatch(/\/profiles\/[0-9a-f-]{36}$/);

		const visitor = await newContext(browser);
		const visitorPage = await visitor.newPage();
		expect((await visitorPage.goto(profileUrl))?.status()).toBe(200);
		await expectAccessible(visitorPage, 'public profile');
		expect(await visitorPage.getByRole('heading', { level: 1 }).textContent()).toBe('Sam');
		expect((await visitorPage.locator('article.credential h3').allTextContents()).sort()).toEqual(['Code club', 'Speak up']);
		await visitorPage.getByRole('link', { name: 'Verify Speak up' }).click();
		await visitorPage.waitForURL(`**/credentials/${credentials['Speak up']}`);
		await visitorPage.getByText('Verified', { exact: true }).waitFor();

		// An emptied headline is gone from the profile.
		// The "Saved" message is still shown from the save above, so wait for this save's answer.
		await page.getByLabel('Headline').fill('');
		await Promise.all([
			page.waitForResponse((response) => response.request().method() === 'POST' && response.url().includes('/account/profile')),
			page.getByRole('button', { name: 'Save' }).click()
		]);
		await page.getByText('Saved. Your public profile is on.').waitFor();
		await visitorPage.goto(profileUrl);
		expect(await visitorPage.getByText('Looking for an apprenticeship').count()).toBe(0);

		// Switched off: the same link is a 404.
		await page.getByLabel('Show my public profile').uncheck();
		await page.getByRole('button', { name: 'Save' }).click();
		await page.getByText('Saved. Your public profile is off.').waitFor();
		expect((await visitorPage.goto(profileUrl))?.status()).toBe(404);
		await visitor.close();

		await openInteractive(page, `${platform.server.url}/wallet/cv`);
		await page.getByRole('checkbox', { name: /^Speak up/ }).check();
		await page.getByRole('checkbox', { name: /^Garden lab/ }).check();
		await page.getByRole('button', { name: 'Make the CV' }).click();
		await page.waitForURL(/credential=/);
		await expectAccessible(page, 'CV');
		expect(await page.locator('.badge-entry h3').allTextContents()).toEqual(['Garden lab', 'Speak up']);
		expect(await page.getByRole('img', { name: /^QR code to verify/ }).count()).toBe(2);
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('.site-header').isVisible()).toBe(false);
		expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false);
		expect(await page.locator('.sheet').isVisible()).toBe(true);
		await context.close();
	});

	it('shares a badge from its page: link, QR code, e-mail and LinkedIn', async () => {
		const { context, page } = await signedIn();
		await openInteractive(page, `${platform.server.url}/credentials/${credentials['Code club']}#share`);
		await expectAccessible(page, 'credential for its holder');
		expect(await page.getByLabel('Link to this badge (anyone with it can verify it)').inputValue()).toContain(`/credentials/${credentials['Code club']}`);
		expect(await page.getByRole('img', { name: 'QR code that opens the page of Code club' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
		expect(await page.getByRole('link', { name: 'Share by e-mail' }).getAttribute('href')).toMatch(/^mailto:\?subject=Code%20club&body=/);
		expect(await page.getByRole('link', { name: 'Add to my LinkedIn profile' }).getAttribute('href')).toContain('linkedin.com');
		await context.close();
	});

	it('needs no horizontal scrolling at 320 px', async () => {
		const { context, page } = await signedIn();
		await page.setViewportSize({ width: 320, height: 640 });
		for (const path of ['/wallet', '/wallet/skills', `/wallet/cv?credential=${credentials['Speak up']}`, '/account/profile', `/credentials/${credentials['Speak up']}`]) {
			await page.goto(platform.server.url + path);
			await page.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
			expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), path).toBeLessThanOrEqual(0);
		}
		await context.close();
	});
});

describe('the wallet offline', () => {
	it('opens the wallet and a QR code without a connection, and forgets them on sign-out', { timeout: 120_000 }, async () => {
		const { context, page } = await signedIn();
		await openInteractive(page, `${platform.server.url}/wallet`);
		// The service worker is active once it has stored the app shell; pages loaded after that are its.
		await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated', undefined, { timeout: 60_000, polling: 250 }).catch(async (error) => {
			const state = await page.evaluate(async () => {
				const registration = await navigator.serviceWorker.getRegistration();
				return { installing: registration?.installing?.state, waiting: registration?.waiting?.state, active: registration?.active?.state };
			});
			throw new Error(`The service worker did not activate: ${JSON.stringify(state)}`, { cause: error });
		});
		// The active worker takes the page over on its next load; under load that can take another one.
		await expect
			.poll(async () => {
				await openInteractive(page, `${platform.server.url}/wallet`);
				return page.evaluate(() => navigator.serviceWorker.controller !== null);
			}, { timeout: 30_000, interval: 500 })
			.toBe(true);
		const qrUrl = `${platform.server.url}/credentials/${credentials['Speak up']}/qr.svg`;
		await openInteractive(page, `${platform.server.url}/credentials/${credentials['Speak up']}`);
		expect(await page.evaluate((url) => fetch(url).then((r) => r.status), qrUrl)).toBe(200);

		// The copies are written as the pages are served. Under the full suite's load the copy was once
		// still missing after ten seconds: open the wallet again until it is kept; going offline below
		// proves it is then served from the copy.
		await expect
			.poll(
				async () => {
					if (await page.evaluate(async () => (await caches.match('/wallet')) !== undefined)) return true;
					await openInteractive(page, `${platform.server.url}/wallet`);
					return false;
				},
				{ timeout: 30_000, interval: 500 }
			)
			.toBe(true);
		await context.setOffline(true);
		const wallet = await page.goto(`${platform.server.url}/wallet`);
		expect(wallet?.fromServiceWorker()).toBe(true);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('My skill wallet');
		expect((await cardNames(page)).sort()).toEqual(['Code club', 'Garden lab', 'Speak up']);
		await page.reload();
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('My skill wallet');
		const qr = await page.goto(qrUrl);
		expect(qr?.status()).toBe(200);
		expect(await qr?.text()).toContain('<svg');
		// A page never visited: the translated offline page, proof that the network is really gone.
		await page.goto(`${platform.server.url}/playlists`);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('You are offline');
		await expectAccessible(page, 'offline page');

		await context.setOffline(false);
		await openInteractive(page, `${platform.server.url}/wallet`);
		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL(`${platform.server.url}/`);
		const kept = () =>
			page.evaluate(async () => {
				const personal = (await caches.keys()).filter((name) => name.startsWith('personal-'));
				return (await Promise.all(personal.map(async (name) => (await (await caches.open(name)).keys()).length))).reduce((a, b) => a + b, 0);
			});
		await expect.poll(kept).toBe(0);
		await context.setOffline(true);
		await page.goto(`${platform.server.url}/wallet`);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('You are offline');
		await context.close();
	});
});
