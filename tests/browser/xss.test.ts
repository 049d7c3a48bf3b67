/**
 * Known cross-site scripting payloads in every free-text and Markdown field that pages show: activity
 * title, description, contact and badge texts; playlist title and story; organisation name and
 * description; a public profile's name and headline; evidence a learner hands in; an endorsement's
 * comment. Each page that shows them is loaded in Chromium: no script may run (no dialog, no flag set),
 * and the rendered page may carry no event-handler attribute, no javascript:/data: link and no
 * injected script, frame or object. The Content Security Policy would stop most of these on its own,
 * and a refusal fails the test too (expectAccessible): this checks the escaping and sanitising beneath it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { activityBody, approvedOrganisation, createOrganisation, signUp, startPlatform, type Platform } from '../support/factories';
import { expectAccessible, launchBrowser, newContext } from '../support/browser';

/** Markdown and HTML tricks, each trying to run `alert` or set `window.__xss`. */
const MARKDOWN_PAYLOADS = [
	'<script>window.__xss = 1; alert(1)</script>',
	'<img src=x onerror="window.__xss=1">',
	'<svg onload="window.__xss=1"><circle r="1"/></svg>',
	'<svg><script>window.__xss=1</script></svg>',
	'[plain](javascript:window.__xss=1)',
	'[upper](JAVASCRIPT:window.__xss=1)',
	'[entity](&#106;avascript:window.__xss=1)',
	'[tab](java\tscript:window.__xss=1)',
	'[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
	'[vb](vbscript:msgbox(1))',
	'![image](javascript:window.__xss=1)',
	'![quote](x" onerror="window.__xss=1)',
	'[title](https://example.org "t\\" onmouseover=\\"window.__xss=1")',
	'<a href="javascript:window.__xss=1">raw link</a>',
	'<div style="width: expression(alert(1))">style</div>',
	'<iframe src="javascript:alert(1)"></iframe><object data="javascript:alert(1)"></object>',
	'<http://example.org/" onmouseover="window.__xss=1>',
	'&lt;script&gt;window.__xss=1&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;',
	'<details open ontoggle="window.__xss=1">d</details>',
	'{@html "<script>alert(1)</script>"}'
].join('\n\n');

/** For short, plain-text fields (names and titles). */
const SHORT = '"><img src=x onerror=window.__xss=1><script>alert(1)</script>';

let platform: Platform;
let browser: Browser;

beforeAll(async () => {
	[platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
});
afterAll(async () => {
	await browser?.close();
	await platform?.server.stop();
});

/** Loads a page as someone, and checks that nothing ran and nothing dangerous is in the DOM. */
async function expectInert(url: string, token: string | undefined, mustShow: string): Promise<void> {
	const context = await newContext(browser);
	if (token) await context.setExtraHTTPHeaders({ authorization: `Bearer ${token}` });
	const dialogs: string[] = [];
	const page = await context.newPage();
	page.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});
	const response = await page.goto(url, { waitUntil: 'networkidle' });
	expect(response?.status(), url).toBe(200);
	// The payload is on the page, as text: it was stored and shown, not dropped.
	expect(await page.content(), url).toContain(mustShow);
	await hoverEverything(page);
	expect(dialogs, `dialogs on ${url}`).toEqual([]);
	expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), `window.__xss on ${url}`).toBeUndefined();
	expect(await dangerousMarkup(page), `dangerous markup on ${url}`).toEqual([]);
	await expectAccessible(page, url);
	await context.close();
}

/** Fires the events a mouse would, so that injected on* handlers would run if present. */
async function hoverEverything(page: Page): Promise<void> {
	await page.evaluate(() => {
		for (const element of document.body.querySelectorAll('*')) {
			for (const type of ['mouseover', 'focus', 'toggle']) element.dispatchEvent(new Event(type));
		}
	});
}

function dangerousMarkup(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const found: string[] = [];
		for (const element of document.querySelectorAll('*')) {
			for (const attribute of element.attributes) {
				const name = attribute.name.toLowerCase();
				const value = attribute.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
				if (name.startsWith('on')) found.push(`${element.tagName} ${name}`);
				if (['href', 'src', 'xlink:href', 'action', 'formaction', 'data'].includes(name) && /^(javascript|vbscript|data):/.test(value)) {
					found.push(`${element.tagName} ${name}=${attribute.value.slice(0, 60)}`);
				}
				if (name === 'style' && value.includes('expression(')) found.push(`${element.tagName} style`);
			}
			const tag = element.tagName.toLowerCase();
			if (['iframe', 'object', 'embed', 'frame'].includes(tag)) found.push(tag);
			// Our own scripts carry the nonce or are JSON-LD data; anything else was injected.
			if (tag === 'script' && !(element as HTMLScriptElement).nonce && (element as HTMLScriptElement).type !== 'application/ld+json' && !(element as HTMLScriptElement).src) {
				found.push(`script: ${element.textContent?.slice(0, 60)}`);
			}
		}
		return found;
	});
}

describe('hostile text in every field pages show', () => {
	it('is shown as text and never runs', { timeout: 180_000 }, async () => {
		const { city, cityAdmin, owner, organisation } = await approvedOrganisation(platform);
		const patched = await owner.patch(`/api/v1/organisations/${organisation.id}`, { name: `Hub ${SHORT}`, description: { en: MARKDOWN_PAYLOADS } });
		expect(patched.status, JSON.stringify(patched.body)).toBe(200);

		const badgeText = (text: string) => ({ en: text });
		const created = await owner.post(
			'/api/v1/activities',
			activityBody(organisation.id, {
				title: { en: `Workshop ${SHORT}`.slice(0, 200) },
				description: { en: MARKDOWN_PAYLOADS },
				contact: { name: SHORT.slice(0, 100) },
				badge: { name: badgeText(`Badge ${SHORT}`.slice(0, 120)), description: badgeText(MARKDOWN_PAYLOADS.slice(0, 2000)), criteria: badgeText(MARKDOWN_PAYLOADS.slice(0, 2000)), evidence: 'organisation' }
			})
		);
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		const activityId = created.body.id as string;
		expect((await owner.post(`/api/v1/activities/${activityId}/publish`)).status).toBe(200);

		const playlist = await owner.post('/api/v1/playlists', { organisationId: organisation.id, title: { en: `Path ${SHORT}`.slice(0, 200) }, description: { en: MARKDOWN_PAYLOADS }, items: [{ activityId }] });
		expect(playlist.status, JSON.stringify(playlist.body)).toBe(201);
		expect((await owner.post(`/api/v1/playlists/${playlist.body.id}/publish`)).status).toBe(200);

		// Another organisation of the city endorses the badge with a hostile comment.
		const endorser = await signUp(platform, 'endorser');
		const other = await createOrganisation(endorser, city.slug);
		expect((await cityAdmin.post(`/api/v1/organisations/${other.id}/approve`)).status).toBe(200);
		const endorsed = await endorser.post(`/api/v1/activities/${activityId}/endorsements`, { organisationId: other.id, comment: MARKDOWN_PAYLOADS.slice(0, 1000) });
		expect(endorsed.status, JSON.stringify(endorsed.body)).toBe(201);

		// A learner with a hostile public profile hands in hostile evidence.
		const learner = await signUp(platform, 'learner');
		const enrolment = await learner.post(`/api/v1/activities/${activityId}/enrolments`);
		expect(enrolment.status).toBe(201);
		const evidence = await learner.post(`/api/v1/enrolments/${enrolment.body.enrolment.id}/evidence`, { text: MARKDOWN_PAYLOADS });
		expect(evidence.status, JSON.stringify(evidence.body)).toBe(201);
		const profile = await learner.put('/api/v1/me/public-profile', { enabled: true, displayName: SHORT.slice(0, 100), headline: SHORT });
		expect(profile.status, JSON.stringify(profile.body)).toBe(200);

		const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;';
		await expectInert(`${platform.server.url}/activities/${activityId}`, undefined, escaped);
		await expectInert(`${platform.server.url}/playlists/${playlist.body.id}`, undefined, escaped);
		await expectInert(`${platform.server.url}/organisations/${organisation.id}`, undefined, escaped);
		await expectInert(profile.body.url, undefined, escaped);
		await expectInert(`${platform.server.url}/activities/${activityId}/evidence-review`, owner.token, 'onerror');
	});
});
