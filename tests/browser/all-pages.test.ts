/**
 * Every page, in all six languages, for the role that can see it: it answers 200, declares its
 * language in <html lang>, and axe-core finds no violation. Also: no horizontal scrolling at 320 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { LOCALES } from '../../src/lib/i18n/locales';
import { activityBody, cityWithAdmin, createOrganisation, publishedActivity, signUp, startPlatform, type Platform } from '../support/factories';
import { linkIn } from '../support/server';
import { expectAccessible, launchBrowser } from '../support/browser';
import { largeCsv } from '../support/imports';
import { pkcePair, testWallet } from '../support/ob3-wallet';

let platform: Platform;
let browser: Browser;
const pages: { path: string; token: string | undefined }[] = [];

beforeAll(async () => {
	[platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
	const { city, cityAdmin } = await cityWithAdmin(platform);
	const owner = await signUp(platform, 'owner');
	const approved = await createOrganisation(owner, city.slug);
	await cityAdmin.post(`/api/v1/organisations/${approved.id}/approve`);
	await createOrganisation(await signUp(platform, 'applicant'), city.slug);
	await owner.post(`/api/v1/organisations/${approved.id}/invitations`, { email: 'invitee@example.org', role: 'member' });
	await owner.post('/api/v1/me/tokens', { name: 'CI app' });
	const invitation = linkIn(await platform.server.waitForMail((m) => m.kind === 'invitation'), '/invitations/').pathname;
	const activity = await publishedActivity(owner, approved.id, { accessibility: ['step_free_access'], description: { en: '## Plan\n\n- **one**\n- two' } });
	const draft = await owner.post('/api/v1/activities', activityBody(approved.id));
	const learner = await signUp(platform, 'learner');
	const joined = await learner.post(`/api/v1/activities/${activity.id}/enrolments`);
	await learner.put('/api/v1/me/learning-profile', { skillNeeds: ['lifecomp:P'] });
	const awarded = await owner.post(`/api/v1/enrolments/${joined.body.enrolment.id}/award`);
	// A second participant, not awarded yet: the participants page then shows the award button too.
	await (await signUp(platform, 'second')).post(`/api/v1/activities/${activity.id}/enrolments`);
	// A background import: its run page shows the progress bar and the report.
	const importRun = await owner.post('/api/v1/imports', { organisationId: approved.id, format: 'csv', content: largeCsv('pages', 3), background: true });
	const bulk = await owner.post(`/api/v1/activities/${activity.id}/awards`, { recipients: [{ email: 'crew@example.org', narrative: 'Built the stage' }] });
	const second = await signUp(platform, 'evidence');
	const secondJoined = await second.post(`/api/v1/activities/${activity.id}/enrolments`);
	await second.post(`/api/v1/enrolments/${secondJoined.body.enrolment.id}/evidence`, { text: 'I built the stage.', link: 'https://example.org/stage' });
	const endorser = await signUp(platform, 'endorser');
	const endorsing = await createOrganisation(endorser, city.slug);
	await cityAdmin.post(`/api/v1/organisations/${endorsing.id}/approve`);
	await endorser.post(`/api/v1/activities/${activity.id}/endorsements`, { organisationId: endorsing.id, comment: 'We hire people with this badge.' });
	const claimCode = await owner.post(`/api/v1/activities/${activity.id}/claim-codes`, { validUntil: '2099-01-01T00:00:00Z', maxClaims: 40 });
	const playlistBody = { organisationId: approved.id, title: { en: 'Find your voice' }, description: { en: 'Steps to **speak up**.' }, items: [{ activityId: activity.id }, { activityId: draft.body.id, required: false }] };
	const draftPlaylist = await owner.post('/api/v1/playlists', playlistBody);
	const playlist = await owner.post('/api/v1/playlists', { ...playlistBody, items: [{ activityId: activity.id }], ordered: true });
	await owner.post(`/api/v1/playlists/${playlist.body.id}/publish`);
	await cityAdmin.post(`/api/v1/playlists/${playlist.body.id}/feature`, { featured: true });
	await learner.post(`/api/v1/playlists/${playlist.body.id}/follow`);
	// The wallet: a badge imported from its link, a connected app, and an app asking for consent.
	await learner.post('/api/v1/me/imported-credentials', { url: awarded.body.credential.url });
	const wallet = testWallet(platform.server.url);
	const walletClient = (await wallet.register()).body;
	await wallet.connect(walletClient, learner);
	const consent = new URL(wallet.authorizeUrl(walletClient, { code_challenge: pkcePair().challenge, code_challenge_method: 'S256' }));
	const credentialId = awarded.body.credential.id;
	const profile = await learner.put('/api/v1/me/public-profile', { enabled: true, headline: 'Looking for an apprenticeship', credentialIds: [credentialId] });
	await learner.post('/api/v1/me/guardian-consent', { guardianName: 'Ann Parent', guardianEmail: 'guardian@example.org' });
	const guardianLink = linkIn(await platform.server.waitForMail((m) => m.to === 'guardian@example.org'), '/guardian-consent/').pathname;

	const feedback = await owner.post('/api/v1/surveys', {
		organisationId: approved.id,
		kind: 'activity_feedback',
		activityId: activity.id,
		title: { en: 'How was it?' },
		questions: [
			{ type: 'single', text: { en: 'Was it useful?' }, options: [{ label: { en: 'Yes' } }, { label: { en: 'No' } }] },
			{ type: 'scale', text: { en: 'How good was it?' }, minLabel: { en: 'Poor' }, maxLabel: { en: 'Great' } },
			{ type: 'competence', text: { en: 'Rate yourself' }, skills: ['lifecomp:P2'] },
			{ type: 'text', text: { en: 'Anything else?' }, required: false }
		]
	});
	await owner.post(`/api/v1/surveys/${feedback.body.id}/open`);
	const citySurvey = await cityAdmin.post('/api/v1/surveys', { city: city.slug, kind: 'needs', anonymous: false, title: { en: 'What do you need?' } });
	const add = (token: string | undefined, ...paths: string[]) => pages.push(...paths.map((path) => ({ path, token })));
	add(undefined, '/', '/cities', `/cities/${city.slug}`, `/organisations/${approved.id}`, '/login', '/signup', '/forgot-password',
		'/reset-password?token=abc', '/verify-email?token=abc', '/setup', invitation, '/api/docs',
		`/activities?city=${city.slug}`, '/activities?view=map', '/activities?view=calendar&month=2030-03', '/activities?q=zzzz',
		`/activities/${activity.id}`, '/frameworks', '/frameworks/lifecomp', '/frameworks/entrecomp?q=creativity',
		`/organisations/${approved.id}/activities`, `/credentials/${awarded.body.credential.id}`,
		'/verify', `/verify?url=${encodeURIComponent(awarded.body.credential.url)}`, '/verify?url=http%3A%2F%2F10.0.0.1%2Fbadge.json',
		'/claim', new URL(claimCode.body.url).pathname + new URL(claimCode.body.url).search, `/credentials/${awarded.body.credential.id}/print`,
		'/playlists', `/playlists?city=${city.slug}`, `/playlists/${playlist.body.id}`, `/organisations/${approved.id}/playlists`,
		`/profiles/${profile.body.id}`, '/offline', guardianLink, `/cities/${city.slug}/open-data`);
	add(owner.token, '/account', '/account/tokens', '/account/delete', '/organisations/new', '/logout',
		`/organisations/${approved.id}/manage`, `/organisations/${approved.id}/members`,
		`/activities/new?organisation=${approved.id}`, `/activities/${draft.body.id}/edit`, `/activities/${activity.id}/quality`,
		`/activities/${activity.id}/participants`, `/activities/${activity.id}/translations`, `/activities/${draft.body.id}`, `/credentials/${awarded.body.credential.id}`,
		`/activities/${activity.id}/awards`, `/activities/${activity.id}/awards/${bulk.body.id}`, `/activities/${activity.id}/claim-codes`, `/activities/${activity.id}/evidence-review`,
		`/playlists/new?organisation=${approved.id}`, `/organisations/${approved.id}/import/feeds`, `/organisations/${approved.id}/import/${importRun.body.id}`, `/playlists/${draftPlaylist.body.id}/edit`, `/playlists/${draftPlaylist.body.id}`, `/organisations/${approved.id}/playlists?status=draft`,
		'/surveys', `/surveys/new?organisation=${approved.id}`, `/surveys/${feedback.body.id}/edit`, `/surveys/${feedback.body.id}/results`, `/playlists/${playlist.body.id}/impact`,
		`/organisations/${approved.id}/dashboard`);
	add(undefined, '/ims/ob/v3p0/auth/authorize?client_id=unknown&response_type=code');
	add(learner.token, '/account/connected-apps', consent.pathname + consent.search);
	add(learner.token, '/my-activities', '/account/learning', '/account/guardian', '/account/badges', '/account/records', `/activities/${activity.id}`, '/claim', `/playlists/${playlist.body.id}`,
		'/wallet', '/wallet?framework=lifecomp', '/wallet/skills', '/wallet/cv', `/wallet/cv?credential=${credentialId}`, '/account/profile', `/credentials/${credentialId}`,
		'/surveys', `/surveys/${feedback.body.id}`);
	add(second.token, `/activities/${activity.id}/evidence`);
	add(cityAdmin.token, `/cities/${city.slug}/admin`, `/cities/${city.slug}/admin?status=approved`, `/cities/${city.slug}/admin/settings`,
		`/cities/${city.slug}/admin/admins`, `/cities/${city.slug}/admin/audit`, `/cities/${city.slug}/admin/activities`, `/cities/${city.slug}/admin/quality`,
		`/activities/${activity.id}/quality`, `/playlists/${playlist.body.id}`,
		`/surveys/new?city=${city.slug}`, `/surveys/${citySurvey.body.id}/edit`, `/surveys/${citySurvey.body.id}`, `/playlists/${playlist.body.id}/impact`,
		`/cities/${city.slug}/dashboard`, `/cities/${city.slug}/dashboard?from=2026-05-01&to=2026-01-01`);
	add(platform.admin.token, '/admin', '/admin/cities/new');
});
afterAll(async () => {
	await browser?.close();
	await platform?.server.stop();
});

describe.each(LOCALES)('every page in %s', (locale) => {
	// About forty pages, each checked by axe: give each language its own generous budget.
	it('is served in that language with no axe violation', { timeout: 900_000 }, async () => {
		for (const token of new Set(pages.map((p) => p.token))) {
			const context = await browser.newContext({ serviceWorkers: 'block', extraHTTPHeaders: token ? { authorization: `Bearer ${token}` } : {} });
			await context.addCookies([{ name: 'col_locale', value: locale, url: platform.server.url }]);
			const page = await context.newPage();
			for (const { path } of pages.filter((p) => p.token === token)) {
				const response = await page.goto(platform.server.url + path);
				expect(response?.status(), path).toBe(200);
				expect(await page.getAttribute('html', 'lang'), path).toBe(locale);
				await expectAccessible(page, `${path} (${locale})`);
			}
			await context.close();
		}
	});
});

describe('an unknown page', () => {
	it('answers 404 with a translated, accessible error page', async () => {
		const context = await browser.newContext({ serviceWorkers: 'block', extraHTTPHeaders: { 'accept-language': 'it-IT,it;q=0.9' } });
		const page = await context.newPage();
		const response = await page.goto(`${platform.server.url}/no/such/page`);
		expect(response?.status()).toBe(404);
		expect(await page.getAttribute('html', 'lang')).toBe('it');
		await expectAccessible(page, '404 page');
		await context.close();
	});
});

describe('narrow screens', () => {
	it('needs no horizontal scrolling at 320 px', { timeout: 150_000 }, async () => {
		const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 320, height: 640 } });
		const page = await context.newPage();
		for (const { path } of pages.filter((p) => p.token === undefined)) {
			await page.goto(platform.server.url + path);
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			expect(overflow, path).toBeLessThanOrEqual(0);
		}
		await context.close();
	});
});
