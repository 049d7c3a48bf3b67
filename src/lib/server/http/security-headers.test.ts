import { describe, expect, it } from 'vitest';
import { applySecurityHeaders, extendPolicy, originOf } from './security-headers';

describe('security headers', () => {
	it('adds run-time sources to the directives SvelteKit wrote, and nothing else', () => {
		const policy = "default-src 'self'; img-src 'self' data:; form-action 'self'";
		expect(extendPolicy(policy, { 'img-src': ['https://tiles.example.org'], 'form-action': [] })).toBe(
			"default-src 'self'; img-src 'self' data: https://tiles.example.org; form-action 'self'"
		);
		expect(extendPolicy(policy, { 'img-src': ["'self'"] })).toBe(policy);
	});

	it('reads the origin of a tile template, keeping a rotating subdomain as a wildcard', () => {
		expect(originOf('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe('https://tile.openstreetmap.org');
		expect(originOf('https://{s}.tiles.example.org/{z}/{x}/{y}.png')).toBe('https://*.tiles.example.org');
		expect(originOf('')).toBeUndefined();
		expect(originOf('javascript:alert(1)')).toBeUndefined();
	});

	it('sends Strict-Transport-Security only over https, and a policy that runs nothing on non-pages', () => {
		const plain = new Response('{}');
		applySecurityHeaders(plain.headers, { https: false, sources: {} });
		expect(plain.headers.get('strict-transport-security')).toBeNull();
		expect(plain.headers.get('content-security-policy')).toContain("default-src 'none'");

		const secure = new Response('{}');
		applySecurityHeaders(secure.headers, { https: true, sources: {} });
		expect(secure.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
	});
});
