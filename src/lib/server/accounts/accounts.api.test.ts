import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, linkIn, type TestServer } from '../../../../tests/support/server';
import { apiClient, type ApiClient } from '../../../../tests/support/api';

let server: TestServer;
let api: ApiClient;

beforeAll(async () => {
	server = await startServer();
	api = apiClient(server.url);
});
afterAll(() => server?.stop());

const register = (email: string, password = 'correct horse', name = 'Ana Test') =>
	api.post('/api/v1/auth/register', { email, password, name });

describe('registration', () => {
	it('rejects malformed and invalid bodies with the error shape', async () => {
		const malformed = await api.request('POST', '/api/v1/auth/register', '{"email": ', { 'content-type': 'application/json' });
		expect(malformed.status).toBe(400);
		expect(malformed.body.error.code).toBe('invalid_json');

		const invalid = await api.post('/api/v1/auth/register', { email: 'not-an-email', password: 'short', name: '' });
		expect(invalid.status).toBe(422);
		expect(invalid.body.error.code).toBe('validation_failed');
		const fields = invalid.body.error.details.map((d: { path: string }) => d.path).sort();
		expect(fields).toEqual(['email', 'name', 'password']);

		const notJson = await api.request('POST', '/api/v1/auth/register', 'email=a', { 'content-type': 'application/x-www-form-urlencoded' });
		expect([403, 415]).toContain(notJson.status);
	});

	it('rejects a body over the size limit with 413', async () => {
		const huge = await api.post('/api/v1/auth/register', { email: 'big@example.org', password: 'x'.repeat(10), name: 'x'.repeat(2_000_000) });
		expect(huge.status).toBe(413);
		expect(huge.body.error.code).toBe('payload_too_large');
	});

	it('creates an account, signs it in and mails a verification link', async () => {
		const res = await register('Ana@Example.org');
		expect(res.status).toBe(201);
		expect(res.body.user).toMatchObject({ email: 'ana@example.org', name: 'Ana Test', emailVerified: false, isPlatformAdmin: false });
		expect(res.body.token).toEqual(expect.any(String));
		expect(res.headers.get('set-cookie')).toMatch(/col\.session_token=.*HttpOnly.*SameSite=Lax/i);

		const me = await api.as(res.body.token).get('/api/v1/me');
		expect(me.status).toBe(200);
		expect(me.body).toMatchObject({ email: 'ana@example.org', cityAdminOf: [], memberships: [] });

		const mail = await server.waitForMail((m) => m.to === 'ana@example.org' && m.kind === 'verify_email');
		const link = linkIn(mail, '/verify-email');
		const verified = await api.post('/api/v1/auth/verify-email', { token: link.searchParams.get('token') });
		expect(verified.status).toBe(200);
		expect((await api.as(res.body.token).get('/api/v1/me')).body.emailVerified).toBe(true);
	});

	it('refuses a second account with the same address', async () => {
		await register('dup@example.org');
		const again = await register('DUP@example.org');
		expect(again.status).toBe(409);
		expect(again.body.error.code).toBe('email_taken');
	});
});

describe('login and sessions', () => {
	it('signs in with the right password only', async () => {
		await register('login@example.org', 'the right one');
		const wrong = await api.post('/api/v1/auth/login', { email: 'login@example.org', password: 'the wrong one' });
		expect(wrong.status).toBe(401);
		expect(wrong.body.error.code).toBe('invalid_credentials');

		const right = await api.post('/api/v1/auth/login', { email: 'login@example.org', password: 'the right one' });
		expect(right.status).toBe(200);
		expect(right.body.user.email).toBe('login@example.org');

		const cookie = right.headers.get('set-cookie')!.split(';')[0]!;
		const viaCookie = await api.request('GET', '/api/v1/me', undefined, { cookie });
		expect(viaCookie.status).toBe(200);

		const out = await api.as(right.body.token).post('/api/v1/auth/logout');
		expect(out.status).toBe(204);
		expect((await api.as(right.body.token).get('/api/v1/me')).status).toBe(401);
	});

	it('answers 401 without credentials and with a bad token', async () => {
		expect((await api.get('/api/v1/me')).status).toBe(401);
		const bad = await api.as('col_pat_nonsense').get('/api/v1/me');
		expect(bad.status).toBe(401);
		expect(bad.body.error.code).toBe('unauthenticated');
	});
});

describe('password reset', () => {
	it('resets the password with the mailed token and ends old sessions', async () => {
		const { body } = await register('reset@example.org', 'old password');
		const unknown = await api.post('/api/v1/auth/request-password-reset', { email: 'nobody@example.org' });
		expect(unknown.status).toBe(200);

		expect((await api.post('/api/v1/auth/request-password-reset', { email: 'reset@example.org' })).status).toBe(200);
		const mail = await server.waitForMail((m) => m.to === 'reset@example.org' && m.kind === 'password_reset');
		const token = linkIn(mail, '/reset-password').searchParams.get('token');

		const badToken = await api.post('/api/v1/auth/reset-password', { token: 'nope', newPassword: 'new password' });
		expect(badToken.status).toBe(400);
		expect(badToken.body.error.code).toBe('invalid_token');

		const reset = await api.post('/api/v1/auth/reset-password', { token, newPassword: 'new password' });
		expect(reset.status).toBe(200);
		expect((await api.as(body.token).get('/api/v1/me')).status).toBe(401);
		expect((await api.post('/api/v1/auth/login', { email: 'reset@example.org', password: 'old password' })).status).toBe(401);
		expect((await api.post('/api/v1/auth/login', { email: 'reset@example.org', password: 'new password' })).status).toBe(200);
	});
});

describe('changing password and e-mail', () => {
	it('changes the password only with the current one', async () => {
		const { body } = await register('change@example.org', 'first password');
		const me = api.as(body.token);
		const wrong = await me.post('/api/v1/me/password', { currentPassword: 'nope nope', newPassword: 'second password' });
		expect(wrong.status).toBe(422);
		expect(wrong.body.error.details[0]).toMatchObject({ path: 'currentPassword', code: 'wrong_password' });

		const changed = await me.post('/api/v1/me/password', { currentPassword: 'first password', newPassword: 'second password' });
		expect(changed.status).toBe(200);
		expect((await api.post('/api/v1/auth/login', { email: 'change@example.org', password: 'second password' })).status).toBe(200);
	});

	it('changes the e-mail address after the new one is confirmed', async () => {
		const { body } = await register('old-address@example.org');
		const me = api.as(body.token);
		expect((await me.post('/api/v1/me/email', { newEmail: 'old-address@example.org' })).status).toBe(422);
		expect((await me.post('/api/v1/me/email', { newEmail: 'new-address@example.org' })).status).toBe(200);
		expect((await me.get('/api/v1/me')).body.email).toBe('old-address@example.org');

		const mail = await server.waitForMail((m) => m.to === 'new-address@example.org');
		const token = linkIn(mail, '/verify-email').searchParams.get('token');
		expect((await api.post('/api/v1/auth/verify-email', { token })).status).toBe(200);
		expect((await me.get('/api/v1/me')).body.email).toBe('new-address@example.org');
	});
});

describe('profile, tokens and deletion', () => {
	it('updates name and language', async () => {
		const { body } = await register('profile@example.org');
		const res = await api.as(body.token).patch('/api/v1/me', { name: 'Nieuwe Naam', locale: 'nl' });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ name: 'Nieuwe Naam', locale: 'nl' });
		expect((await api.as(body.token).patch('/api/v1/me', { locale: 'xx' })).status).toBe(422);
	});

	it('creates, uses and revokes personal API tokens', async () => {
		const { body } = await register('tokens@example.org');
		const created = await api.as(body.token).post('/api/v1/me/tokens', { name: 'My app', expiresInDays: 30 });
		expect(created.status).toBe(201);
		expect(created.body.token).toMatch(/^col_pat_/);

		const pat = api.as(created.body.token);
		expect((await pat.get('/api/v1/me')).body.email).toBe('tokens@example.org');
		// A token cannot take over the account.
		expect((await pat.post('/api/v1/me/password', { currentPassword: 'correct horse', newPassword: 'taken over!' })).status).toBe(403);

		const list = await api.as(body.token).get('/api/v1/me/tokens');
		expect(list.body.items).toHaveLength(1);
		expect(list.body.items[0]).not.toHaveProperty('token');
		expect(list.body.items[0].lastUsedAt).not.toBeNull();

		expect((await api.as(body.token).delete(`/api/v1/me/tokens/${created.body.id}`)).status).toBe(204);
		expect((await pat.get('/api/v1/me')).status).toBe(401);
		expect((await api.as(body.token).delete(`/api/v1/me/tokens/${created.body.id}`)).status).toBe(404);
		expect((await api.as(body.token).delete('/api/v1/me/tokens/not-a-uuid')).status).toBe(404);
	});

	it('deletes the account with the password', async () => {
		const { body } = await register('leaving@example.org', 'goodbye pass');
		const me = api.as(body.token);
		expect((await me.delete('/api/v1/me', { password: 'wrong password' })).status).toBe(422);
		expect((await me.delete('/api/v1/me', { password: 'goodbye pass' })).status).toBe(204);
		expect((await me.get('/api/v1/me')).status).toBe(401);
		expect((await api.post('/api/v1/auth/login', { email: 'leaving@example.org', password: 'goodbye pass' })).status).toBe(401);
	});
});
