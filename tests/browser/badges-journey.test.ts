/**
 * Journey 3's end, in the browser: the organiser awards a participant's badge from the participants
 * list with the keyboard; the learner finds it under "My badges"; anyone opening its link sees it
 * verified, and revoked once the organisation revokes it. Every page on the way is checked with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
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
		// Their own badge offers LinkedIn's certification form, filled in with the credential's link.
		const linkedIn = new URL((await learnerPage.getByRole('link', { name: 'Add to my LinkedIn profile' }).getAttribute('href'))!);
		expect(linkedIn.searchParams.get('certUrl')).toBe(awarded.body.credential.url);
		expect(linkedIn.searchParams.get('name')).toBe('Podcast basics');
		await learnerPage.getByRole('link', { name: 'Printable version with a QR code' }).click();
		await learnerPage.waitForURL(/\/print$/);
		expect(await learnerPage.getByRole('img', { name: "QR code that opens this badge's verification page" }).count()).toBe(1);
		await expectAccessible(learnerPage, 'printable credential');
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

	it('is awarded in bulk from a CSV, with its lines checked first and its progress shown', { timeout: 120_000 }, async () => {
		const { owner, organisation } = await approvedOrganisation(platform);
		const activity = await publishedActivity(owner, organisation.id, { title: { en: 'Festival crew' } });
		const organiser = await newContext(browser);
		await organiser.setExtraHTTPHeaders({ authorization: `Bearer ${owner.token}` });
		const page = await organiser.newPage();
		await openInteractive(page, `${platform.server.url}/activities/${activity.id}/participants`);
		await page.getByRole('link', { name: 'Award badges in bulk (CSV)' }).click();
		await page.waitForURL(/\/awards$/);
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await expectAccessible(page, 'bulk award form');

		const upload = (text: string) => page.getByLabel('A CSV file').setInputFiles({ name: 'crew.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
		await upload('email;name;narrative\ncrew-1@example.org;Ana;Built the stage\nnobody;Ben;\n');
		await page.getByRole('button', { name: 'Award the badges' }).click();
		await expect.poll(() => page.getByText('Line 3: "nobody" is not an e-mail address.').count()).toBe(1);
		await expectAccessible(page, 'bulk award errors');

		await upload('email;name;narrative\ncrew-1@example.org;Ana;Built the stage\ncrew-2@example.org;Ben;Ran the bar\n');
		await page.getByRole('button', { name: 'Award the badges' }).focus();
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/awards\/[0-9a-f-]{36}$/);
		await expect.poll(() => page.getByText('The bulk award is finished.').count(), { timeout: 20_000 }).toBe(1);
		expect(await page.getByText('2 of 2 people processed').count()).toBe(1);
		await expectAccessible(page, 'bulk award progress');
		await platform.server.waitForMail((mail) => mail.to === 'crew-2@example.org' && mail.kind === 'badge_awarded');
		await organiser.close();
	});

	it('is claimed with a code the organiser made on the page, by a learner following its QR link', { timeout: 120_000 }, async () => {
		const { owner, organisation } = await approvedOrganisation(platform);
		const activity = await publishedActivity(owner, organisation.id, { title: { en: 'Career fair' } });
		const organiser = await newContext(browser);
		await organiser.setExtraHTTPHeaders({ authorization: `Bearer ${owner.token}` });
		const page = await organiser.newPage();
		await openInteractive(page, `${platform.server.url}/activities/${activity.id}/claim-codes`);
		await expectAccessible(page, 'claim codes');
		await page.getByLabel('Valid until').fill('2099-12-31T18:00');
		await page.getByLabel('Most people who can claim').fill('50');
		await page.getByRole('button', { name: 'Create the code' }).focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByText('The claim code is ready.').count()).toBe(1);
		const link = await page.getByRole('link', { name: /\/claim\?code=/ }).first().textContent();
		expect(await page.getByRole('img', { name: /QR code for claim code/ }).count()).toBe(1);
		await expectAccessible(page, 'claim code made');
		await organiser.close();

		// A visitor following the QR link is sent to sign in first, and comes back to the code.
		const visitor = await newContext(browser);
		const visitorPage = await visitor.newPage();
		await openInteractive(visitorPage, link!);
		await expectAccessible(visitorPage, 'claim page');
		await visitorPage.getByRole('button', { name: 'Sign in and claim' }).click();
		await visitorPage.waitForURL(/\/login\?next=/);
		expect(decodeURIComponent(new URL(visitorPage.url()).searchParams.get('next')!)).toBe(new URL(link!).pathname + new URL(link!).search);
		await visitor.close();

		const learner = await signUp(platform, 'fair-visitor');
		const mine = await newContext(browser);
		await mine.setExtraHTTPHeaders({ authorization: `Bearer ${learner.token}` });
		const learnerPage = await mine.newPage();
		await openInteractive(learnerPage, link!);
		await learnerPage.getByRole('button', { name: 'Claim the badge' }).focus();
		await learnerPage.keyboard.press('Enter');
		await expect.poll(() => learnerPage.getByText('The badge is yours.').count()).toBe(1);
		await expectAccessible(learnerPage, 'claimed');
		expect((await learner.get('/api/v1/me/credentials')).body.items.map((c: { name: string }) => c.name)).toEqual(['Career fair']);
		await mine.close();
	});

	it('is earned with evidence: the learner hands it in, the organiser asks for more, then approves', { timeout: 120_000 }, async () => {
		const { owner, organisation } = await approvedOrganisation(platform);
		const activity = await publishedActivity(owner, organisation.id, { title: { en: 'Zine making' } });
		const learner = await signUp(platform, 'zinester');
		await learner.post(`/api/v1/activities/${activity.id}/enrolments`);

		const mine = await newContext(browser);
		await mine.setExtraHTTPHeaders({ authorization: `Bearer ${learner.token}` });
		const learnerPage = await mine.newPage();
		await openInteractive(learnerPage, `${platform.server.url}/activities/${activity.id}`);
		await learnerPage.getByRole('link', { name: 'Hand in evidence for the badge' }).click();
		await learnerPage.waitForURL(/\/evidence$/);
		await learnerPage.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await expectAccessible(learnerPage, 'evidence form');
		await learnerPage.getByLabel('What you did and learned').fill('I made a 12-page zine about my street.');
		await learnerPage.getByLabel('A file (optional)').setInputFiles({ name: 'zine.txt', mimeType: 'text/plain', buffer: Buffer.from('Page 1: the bakery.') });
		await learnerPage.getByRole('button', { name: 'Send the evidence' }).focus();
		await learnerPage.keyboard.press('Enter');
		await expect.poll(() => learnerPage.getByText('Thank you: your evidence was sent to the organiser.').count()).toBe(1);
		expect(await learnerPage.getByText('Waiting for review').count()).toBeGreaterThan(0);

		const organiser = await newContext(browser);
		await organiser.setExtraHTTPHeaders({ authorization: `Bearer ${owner.token}` });
		const page = await organiser.newPage();
		await openInteractive(page, `${platform.server.url}/activities/${activity.id}/participants`);
		await page.getByRole('link', { name: 'Review evidence' }).click();
		await page.waitForURL(/\/evidence-review$/);
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await expectAccessible(page, 'evidence review');
		expect(await page.getByRole('link', { name: 'Download zine.txt' }).count()).toBe(1);
		await page.getByLabel('Comment for the learner').fill('Show us a photo of a page, please.');
		await page.getByRole('button', { name: 'Ask for more Test zinester' }).click();
		await expect.poll(() => page.getByText('The learner is asked for more evidence.').count()).toBe(1);

		await reloadInteractive(learnerPage);
		expect(await learnerPage.getByText('Show us a photo of a page, please.').count()).toBe(1);
		await learnerPage.getByLabel('A link (optional)').fill('https://zines.example.org/my-street');
		await learnerPage.getByRole('button', { name: 'Send the evidence' }).click();
		await expect.poll(() => learnerPage.getByText('Thank you: your evidence was sent to the organiser.').count()).toBe(1);

		await reloadInteractive(page);
		await page.getByRole('button', { name: 'Approve and award Test zinester' }).focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByText('Approved: the badge is awarded.').count()).toBe(1);
		await expectAccessible(page, 'evidence reviewed');
		await organiser.close();

		await reloadInteractive(learnerPage);
		await learnerPage.getByRole('link', { name: 'View credential' }).click();
		await learnerPage.waitForURL(/\/credentials\//);
		expect(await learnerPage.getByText('Verified', { exact: true }).count()).toBe(1);
		expect(await learnerPage.getByText('I made a 12-page zine about my street.').count()).toBe(1);
		await mine.close();
	});

	it('is endorsed by an employer from the activity page, and the endorsement travels in new credentials', { timeout: 120_000 }, async () => {
		const { owner, organisation } = await approvedOrganisation(platform);
		const activity = await publishedActivity(owner, organisation.id, { title: { en: 'Forklift safety' } });
		const employer = await approvedOrganisation(platform);
		const context = await newContext(browser);
		await context.setExtraHTTPHeaders({ authorization: `Bearer ${employer.owner.token}` });
		const page = await context.newPage();
		await openInteractive(page, `${platform.server.url}/activities/${activity.id}`);
		await page.getByText('Endorse this badge for your organisation').click();
		await page.getByLabel('Why your organisation vouches for this badge').fill('Every new driver in our warehouse needs this.');
		await expectAccessible(page, 'endorsement form');
		await page.getByRole('button', { name: 'Sign the endorsement' }).click();
		await expect.poll(() => page.getByText('Thank you: your endorsement is signed and shown with the badge.').count()).toBe(1);
		await reloadInteractive(page);
		expect(await page.getByText('“Every new driver in our warehouse needs this.”').count()).toBe(1);
		await context.close();

		const learner = await signUp(platform, 'driver');
		const joined = await learner.post(`/api/v1/activities/${activity.id}/enrolments`);
		const awarded = await owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`);
		const visitor = await newContext(browser);
		const visitorPage = await visitor.newPage();
		await openInteractive(visitorPage, awarded.body.credential.url);
		expect(await visitorPage.getByText('Verified', { exact: true }).count()).toBe(1);
		expect(await visitorPage.getByText('“Every new driver in our warehouse needs this.”').count()).toBe(1);
		await visitor.close();
	});

	it('gets an uploaded image on the activity edit page with the keyboard; a wrong file is explained in the page’s language', { timeout: 120_000 }, async () => {
		const { owner, organisation } = await approvedOrganisation(platform);
		const activity = await publishedActivity(owner, organisation.id, { title: { en: 'Kite making', nl: 'Vliegers maken' } });
		const context = await newContext(browser);
		await context.setExtraHTTPHeaders({ authorization: `Bearer ${owner.token}` });
		await context.addCookies([{ name: 'col_locale', value: 'nl', url: platform.server.url }]);
		const page = await context.newPage();
		await openInteractive(page, `${platform.server.url}/activities/${activity.id}/edit`);
		await expectAccessible(page, 'activity edit with badge image');
		const file = page.getByLabel('Upload je eigen badge-afbeelding');
		const uploadButton = page.getByRole('button', { name: 'Badge-afbeelding uploaden' });

		await file.setInputFiles({ name: 'badge.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') });
		await uploadButton.focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByText('Upload een afbeelding in PNG, JPEG of WebP.').count()).toBeGreaterThan(0);
		expect(await file.getAttribute('aria-invalid')).toBe('true');
		await expectAccessible(page, 'badge image refused');

		const png = await sharp({ create: { width: 300, height: 300, channels: 4, background: '#c0392b' } }).png().toBuffer();
		await file.setInputFiles({ name: 'kite.png', mimeType: 'image/png', buffer: png });
		await uploadButton.focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByText('De badge-afbeelding is geüpload.').count()).toBe(1);
		expect(await page.getByText('een geüploade afbeelding').count()).toBe(1);
		expect((await owner.get(`/api/v1/activities/${activity.id}`)).body.badge.image.uploaded).toBe(true);

		await page.getByRole('button', { name: 'Geüploade afbeelding verwijderen' }).focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByText('De geüploade badge-afbeelding is verwijderd', { exact: false }).count()).toBe(1);
		expect(await page.getByRole('button', { name: 'Geüploade afbeelding verwijderen' }).count()).toBe(0);
		expect((await owner.get(`/api/v1/activities/${activity.id}`)).body.badge.image.uploaded).toBe(false);
		await context.close();
	});
});

describe('participants', () => {
	it('are removed by the organiser with the keyboard, after a question; the first person waiting takes the place', { timeout: 120_000 }, async () => {
		const { owner, organisation } = await approvedOrganisation(platform);
		const activity = await publishedActivity(owner, organisation.id, { title: { en: 'Small pottery class' }, capacity: 1 });
		const [placed, waiting] = [await signUp(platform, 'potter'), await signUp(platform, 'second-potter')];
		await placed.post(`/api/v1/activities/${activity.id}/enrolments`);
		await waiting.post(`/api/v1/activities/${activity.id}/enrolments`);

		const organiser = await newContext(browser);
		await organiser.setExtraHTTPHeaders({ authorization: `Bearer ${owner.token}` });
		const page = await organiser.newPage();
		await openInteractive(page, `${platform.server.url}/activities/${activity.id}/participants`);
		await page.getByRole('button', { name: 'Remove Test potter' }).focus();
		await page.keyboard.press('Enter');
		const dialog = page.getByRole('dialog');
		await dialog.waitFor();
		expect(await dialog.textContent()).toContain('Remove Test potter from this activity?');
		await expectAccessible(page, 'remove participant question');
		await dialog.getByRole('button', { name: 'Remove' }).focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByText('Test potter was removed from the activity.').count()).toBe(1);
		await expectAccessible(page, 'participant removed');
		// The second person has the place now: only they can still be removed.
		expect(await page.getByRole('button', { name: 'Remove Test second-potter' }).count()).toBe(1);
		expect(await page.getByRole('button', { name: 'Remove Test potter' }).count()).toBe(0);
		await platform.server.waitForMail((m) => m.to === placed.email && m.kind === 'enrolment_removed');
		await organiser.close();
	});
});
