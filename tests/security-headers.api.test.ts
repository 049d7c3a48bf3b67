/** Every answer carries the security headers; pages carry a Content Security Policy with a nonce. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from './support/factories';

let platform: Platform;
beforeAll(async () => {
	platform = await startPlatform({ MAP_TILE_URL: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' });
});
afterAll(async () => platform?.server.stop());

function directives(policy: string | null): Map<string, string[]> {
	expect(policy).toBeTruthy();
	return new Map(policy!.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

describe('security headers', () => {
	it('give a page a Content Security Policy whose scripts need the nonce SvelteKit put on its own', async () => {
		const response = await fetch(`${platform.server.url}/`);
		expect(response.status).toBe(200);
		const csp = directives(response.headers.get('content-security-policy'));
		const scripts = csp.get('script-src')!;
		expect(scripts).toContain("'self'");
		expect(scripts).not.toContain("'unsafe-inline'");
		expect(scripts).not.toContain("'unsafe-eval'");
		const nonce = scripts.find((source) => source.startsWith("'nonce-"))!.slice(7, -1);
		const html = await response.text();
		// Every inline script on the page carries the nonce, so none would run without it.
		const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].filter((tag) => !tag[1]!.includes('application/ld+json'));
		expect(inlineScripts.length).toBeGreaterThan(0);
		for (const tag of inlineScripts) expect(tag[1]).toContain(`nonce="${nonce}"`);
		expect(csp.get('default-src')).toEqual(["'self'"]);
		expect(csp.get('object-src')).toEqual(["'none'"]);
		expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
		expect(csp.get('img-src')).toContain('https://tile.openstreetmap.org');
		expect(csp.get('style-src')).not.toContain("'unsafe-inline'");
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('x-frame-options')).toBe('DENY');
		expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		// Served over http here: no HSTS (it is sent when PUBLIC_URL is https; see the unit test).
		expect(response.headers.get('strict-transport-security')).toBeNull();
	});

	it('give every page its own nonce', async () => {
		const nonces = await Promise.all([0, 1].map(async () => (await fetch(`${platform.server.url}/`)).headers.get('content-security-policy')!.match(/'nonce-([^']+)'/)![1]));
		expect(nonces[0]).not.toBe(nonces[1]);
	});

	it('give API answers, errors included, a policy under which nothing runs', async () => {
		for (const path of ['/api/v1/cities', '/api/v1/no-such-thing', '/healthz']) {
			const response = await fetch(`${platform.server.url}${path}`);
			const csp = directives(response.headers.get('content-security-policy'));
			expect(csp.get('default-src'), path).toEqual(["'none'"]);
			expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
			expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
		}
	});
});
