import { describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkUrl, fetchFromChecked, isNonPublicAddress } from './public-fetch';
import { AppError } from './errors';

describe('addresses we refuse to fetch', () => {
	it('are loopback, private, link-local, reserved, and their IPv6 forms', () => {
		for (const address of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1']) {
			expect(isNonPublicAddress(address), address).toBe(true);
		}
		for (const address of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111']) expect(isNonPublicAddress(address), address).toBe(false);
	});

	it('are refused by URL before any connection, with the reason', () => {
		const refusal = (url: string) => {
			try {
				checkUrl(url);
				return 'allowed';
			} catch (error) {
				return (error as AppError).code;
			}
		};
		expect(refusal('http://127.0.0.1:3000/credentials/x')).toBe('url_not_allowed');
		expect(refusal('http://10.0.0.1/')).toBe('url_not_allowed');
		expect(refusal('http://[::1]/')).toBe('url_not_allowed');
		expect(refusal('http://localhost/')).toBe('url_not_allowed');
		expect(refusal('file:///etc/passwd')).toBe('url_not_allowed');
		expect(refusal('http://user:pass@example.org/')).toBe('url_not_allowed');
		expect(refusal('not a url')).toBe('url_not_allowed');
		expect(refusal('https://example.org/badge.json')).toBe('allowed');
	});

	it('are refused when a redirect leads to them; size and time are limited', async () => {
		// A server on loopback stands in for a public site: the test starts past the first check.
		const server = http.createServer((request, response) => {
			if (request.url === '/metadata') return response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
			if (request.url === '/home') return response.writeHead(301, { location: '/credentials/1' }).end();
			if (request.url === '/large') return response.end('x'.repeat(5000));
			if (request.url === '/slow') return setTimeout(() => response.end('late'), 2000);
			response.end('{}');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		const options = { maxBytes: 1000, timeoutMs: 500, accept: '*/*' };
		try {
			expect((await fetchFromChecked(new URL(`${base}/ok`), options)).body.toString()).toBe('{}');
			await expect(fetchFromChecked(new URL(`${base}/metadata`), options)).rejects.toMatchObject({ code: 'url_not_allowed' });
			// Even a redirect back to the same loopback host is checked, and refused.
			await expect(fetchFromChecked(new URL(`${base}/home`), options)).rejects.toMatchObject({ code: 'url_not_allowed' });
			await expect(fetchFromChecked(new URL(`${base}/large`), options)).rejects.toMatchObject({ code: 'payload_too_large' });
			await expect(fetchFromChecked(new URL(`${base}/slow`), options)).rejects.toMatchObject({ code: 'fetch_failed' });
		} finally {
			server.closeAllConnections();
			server.close();
		}
	});
});
