/**
 * Journey 3's end, in the browser: the organiser awards a participant's badge from the participants
 * list with the keyboard; the learner finds it under "My badges"; anyone opening its link sees it
 * verified, and revoked once the organisation revokes it. Every page on the way is checked with axe.
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

describe('a badge from award to verification', () => {
	it('is awarded with the keyboard, kept by the learner and verifiable by anyone', { timeout: 120_000 }, async () => {
		const { owner, organisation } = await approvedOrganisation(platform);
		const activity = await publishedActivity(owner, organisation.id, { title: { en: 'Bike repair workshop' }, skills: ['lifecomp:P2'] });
		const learner = await signUp(platform, 'keeper');
		await learner.post(`/api/v1/activities/${activity.id}/enrolments`);

		const organiser = await newContext(browser);
		await organiser.setExtraHTTPHeaders({ authorization: `Bearer ${owner.token}` });
		const page = await organiser.newPage();
		await openInteractive(page, `${platform.server.url}/activities/${activity.id}/participants`);
		await expectAccessible(page, 'participants');
		const award = page.getByRole('button', { name: 'Award badge Test keeper' });
		await award.focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByText('Badge awarded.').count()).toBe(1);
		await page.getByRole('link', { name: 'View credential' }).first().click();
		await page.waitForURL(/\/credentials\//);
		const credentialUrl = page.url();
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Bike repair workshop');
		await organiser.close();

		const mine = await newContext(browser);
		await mine.setExtraHTTPHeaders({ authorization: `Bearer ${learner.token}` });
		const learnerPage = await mine.newPage();
		await openInteractive(learnerPage, `${platform.server.url}/account/badges`);
		await expectAccessible(learnerPage, 'my badges');
		expect(await learnerPage.getByRole('link', { name: 'Bike repair workshop', exact: true }).getAttribute('href')).toBe(new URL(credentialUrl).pathname);
		await mine.close();

		const visitor = await newContext(browser);
		const visitorPage = await visitor.newPage();
		await openInteractive(visitorPage, credentialUrl);
		await expectAccessible(visitorPage, 'credential');
		expect(await visitorPage.getByText('Verified', { exact: true }).count()).toBe(1);
		expect(await visitorPage.getByText('Awarded to').count()).toBe(1);

		const id = new URL(credentialUrl).pathname.split('/').pop();
		expect((await owner.post(`/api/v1/credentials/${id}/revoke`, { reason: 'Awarded by mistake' })).status).toBe(200);
		await reloadInteractive(visitorPage);
		expect(await visitorPage.getByText('This badge has been revoked').count()).toBe(1);
		expect(await visitorPage.getByText('Awarded by mistake').count()).toBe(1);
		await expectAccessible(visitorPage, 'revoked credential');
		await visitor.close();
	});

	it('is revoked by its organisation from the credential page, with the keyboard and a reason', { timeout: 120_000 }, async () => {
		const { owner, organisation } = await approvedOrganisation(platform);
		const activity = await publishedActivity(owner, organisation.id, { title: { en: 'Podcast basics' } });
		const learner = await signUp(platform, 'revoked');
		const joined = await learner.post(`/api/v1/activities/${activity.id}/enrolments`);
		const awarded = await owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`);

		// The learner sees no revoke form on their own badge; the organisation does.
		const mine = await newContext(browser);
		await mine.setExtraHTTPHeaders({ authorization: `Bearer ${learner.token}` });
		const learnerPage = await mine.newPage();
		await openInteractive(learnerPage, awarded.body.credential.url);
		expect(await learnerPage.getByRole('button', { name: 'Revoke' }).count()).toBe(0);
		await mine.close();

		const organiser = await newContext(browser);
		await organiser.setExtraHTTPHeaders({ authorization: `Bearer ${owner.token}` });
		const page = await organiser.newPage();
		await openInteractive(page, awarded.body.credential.url);
		await expectAccessible(page, 'credential with the revoke form');
		await page.getByLabel('Reason').focus();
		await page.keyboard.type('Awarded to the wrong person');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		const confirm = page.getByRole('dialog').getByRole('button', { name: 'Revoke' });
		await confirm.focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByText('The badge is revoked.').count()).toBe(1);
		await reloadInteractive(page);
		expect(await page.getByText('This badge has been revoked').count()).toBe(1);
		expect(await page.getByText('Awarded to the wrong person').count()).toBe(1);
		expect(await page.getByRole('button', { name: 'Revoke' }).count()).toBe(0);
		await organiser.close();
	});

	it('is verified on the verify page from its baked image, with the keyboard; a wrong file is explained', { timeout: 120_000 }, async () => {
		const { owner, organisation } = await approvedOrganisation(platform);
		const activity = await publishedActivity(owner, organisation.id, { title: { en: 'Sound mixing' } });
		const learner = await signUp(platform, 'baked-image');
		const joined = await learner.post(`/api/v1/activities/${activity.id}/enrolments`);
		const awarded = await owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`);
		const png = Buffer.from(await (await fetch(`${awarded.body.credential.url}.png`)).arrayBuffer());

		const employer = await newContext(browser);
		const page = await employer.newPage();
		await openInteractive(page, `${platform.server.url}/verify`);
		await expectAccessible(page, 'verify page');
		await page.getByLabel('Or a badge file').setInputFiles({ name: 'badge.png', mimeType: 'image/png', buffer: png });
		await page.getByRole('button', { name: 'Verify', exact: true }).focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByText('Verified', { exact: true }).count()).toBe(1);
		expect(await page.getByText('Sound mixing').count()).toBeGreaterThan(0);
		await expectAccessible(page, 'verify result');

		await page.getByLabel('Or a badge file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
		await page.getByRole('button', { name: 'Verify', exact: true }).click();
		await expect.poll(() => page.getByText('No Open Badges 3.0 credential could be read from this.', { exact: false }).count()).toBeGreaterThan(0);
		await expectAccessible(page, 'verify error');
		await employer.close();
	});
});
