/** Account lockout: repeated failed sign-ins lock an account for a while; a password reset unlocks it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkIn } from '../../../../tests/support/server';
import { signUp, startPlatform, type Platform } from '../../../../tests/support/factories';

let platform: Platform;
beforeAll(async () => {
	// Three failures within a minute lock the account for a minute.
	platform = await startPlatform({ ACCOUNT_LOCKOUT: '3/60' });
});
afterAll(async () => platform?.server.stop());

const wrong = (email: string) => platform.anonymous.post('/api/v1/auth/login', { email, password: 'not the password' });

describe('account lockout', () => {
	it('locks an account after repeated failures, even for the right password, and tells when it opens', async () => {
		const person = await signUp(platform, 'locked');
		const other = await signUp(platform, 'bystander');
		expect((await wrong(person.email)).status).toBe(401);
		expect((await wrong(person.email.toUpperCase())).status).toBe(401);
		const third = await wrong(person.email);
		expect(third.status).toBe(429);
		expect(third.body.error.code).toBe('account_locked');

		const right = await platform.anonymous.post('/api/v1/auth/login', { email: person.email, password: 'a good password' });
		expect(right.status).toBe(429);
		expect(right.body.error).toMatchObject({ code: 'account_locked', details: { minutes: 1 } });
		expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(Number(right.headers.get('retry-after'))).toBeLessThanOrEqual(60);

		// Another account is not affected, and neither is a session that was already open.
		expect((await platform.anonymous.post('/api/v1/auth/login', { email: other.email, password: 'a good password' })).status).toBe(200);
		expect((await person.get('/api/v1/me')).status).toBe(200);
	});

	it('says so on the sign-in page, in the reader’s language', async () => {
		const person = await signUp(platform, 'locked-page');
		for (let i = 0; i < 3; i++) await wrong(person.email);
		const response = await fetch(`${platform.server.url}/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: platform.server.url, 'accept-language': 'nl' },
			body: new URLSearchParams({ email: person.email, password: 'a good password', next: '/account' })
		});
		const html = await response.text();
		expect(html).toContain('Te veel mislukte aanmeldpogingen voor dit account');
	});

	it('is lifted by a password reset', async () => {
		const person = await signUp(platform, 'reset');
		for (let i = 0; i < 3; i++) await wrong(person.email);
		expect((await platform.anonymous.post('/api/v1/auth/login', { email: person.email, password: 'a good password' })).status).toBe(429);

		expect((await platform.anonymous.post('/api/v1/auth/request-password-reset', { email: person.email })).status).toBe(200);
		const mail = await platform.server.waitForMail((m) => m.to === person.email && m.kind === 'password_reset');
		const token = linkIn(mail, '/reset-password').searchParams.get('token');
		expect((await platform.anonymous.post('/api/v1/auth/reset-password', { token, newPassword: 'a new password' })).status).toBe(200);

		const login = await platform.anonymous.post('/api/v1/auth/login', { email: person.email, password: 'a new password' });
		expect(login.status).toBe(200);
	});

	it('locks addresses without an account the same way, so the answer reveals nothing', async () => {
		const email = 'nobody-here@example.org';
		expect((await wrong(email)).status).toBe(401);
		expect((await wrong(email)).status).toBe(401);
		expect((await wrong(email)).body.error.code).toBe('account_locked');
	});
});
