/**
 * Secrets never reach the logs: passwords, session and API tokens, reset and invitation tokens, calendar
 * feed addresses, claim codes and OAuth client secrets are sent the ways clients send them (JSON,
 * forms, Basic auth, paths, query strings), then the server's whole output is searched for each.
 * The one exception is the log mail transport, whose purpose is to show the mails (links included)
 * when no SMTP server is configured; its lines are left out of the search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkIn } from './support/server';
import { approvedOrganisation, publishedActivity, signUp, startPlatform, type Platform } from './support/factories';
import { REDIRECT_URI, testWallet } from './support/ob3-wallet';

let platform: Platform;
beforeAll(async () => {
	platform = await startPlatform();
});
afterAll(async () => platform?.server.stop());

describe('the server log', () => {
	it('shows no password, token, code or client secret it was given', { timeout: 60_000 }, async () => {
		const url = platform.server.url;
		const secrets: Record<string, string> = {};
		const { owner, organisation } = await approvedOrganisation(platform);

		// Passwords: sign-up, sign-in (API and form), a failed sign-in, a change, a reset.
		const password = 'Sesame-password-4711';
		const email = 'secret-keeper@example.org';
		const registered = await platform.anonymous.post('/api/v1/auth/register', { email, password, name: 'Keeper' });
		expect(registered.status).toBe(201);
		secrets.password = password;
		secrets.sessionToken = registered.body.token;
		const wrongPassword = 'Wrong-guess-0815';
		secrets.wrongPassword = wrongPassword;
		expect((await platform.anonymous.post('/api/v1/auth/login', { email, password: wrongPassword })).status).toBe(401);
		const form = await fetch(`${url}/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: url },
			body: new URLSearchParams({ email, password, next: '/account' }),
			redirect: 'manual'
		});
		expect(form.status).toBe(303);
		const me = platform.anonymous.as(registered.body.token);
		const newPassword = 'Changed-password-2024';
		secrets.newPassword = newPassword;
		expect((await me.post('/api/v1/me/password', { currentPassword: password, newPassword })).status).toBe(200);

		expect((await platform.anonymous.post('/api/v1/auth/request-password-reset', { email })).status).toBe(200);
		const resetMail = await platform.server.waitForMail((m) => m.to === email && m.kind === 'password_reset');
		const resetToken = linkIn(resetMail, '/reset-password').searchParams.get('token')!;
		secrets.resetToken = resetToken;
		expect((await fetch(`${url}/reset-password?token=${encodeURIComponent(resetToken)}`)).status).toBe(200);
		const resetPassword = 'Reset-password-9876';
		secrets.resetPassword = resetPassword;
		expect((await platform.anonymous.post('/api/v1/auth/reset-password', { token: resetToken, newPassword: resetPassword })).status).toBe(200);
		const again = await platform.anonymous.post('/api/v1/auth/login', { email, password: resetPassword });
		expect(again.status).toBe(200);
		secrets.secondSessionToken = again.body.token;
		const keeper = platform.anonymous.as(again.body.token);

		// A personal API token, used as a Bearer token.
		const pat = await keeper.post('/api/v1/me/tokens', { name: 'Script', expiresInDays: 30 });
		expect(pat.status).toBe(201);
		secrets.apiToken = pat.body.token;
		expect((await keeper.as(pat.body.token).get('/api/v1/me')).status).toBe(200);

		// An invitation token, in the path of the API and of the page.
		expect((await owner.post(`/api/v1/organisations/${organisation.id}/invitations`, { email: 'invitee@example.org', role: 'member' })).status).toBe(201);
		const invitation = await platform.server.waitForMail((m) => m.to === 'invitee@example.org' && m.kind.includes('invitation'));
		const invitationToken = linkIn(invitation, '/invitations/').pathname.split('/').pop()!;
		secrets.invitationToken = invitationToken;
		expect((await platform.anonymous.get(`/api/v1/invitations/${invitationToken}`)).status).toBe(200);
		expect((await fetch(`${url}/invitations/${invitationToken}`)).status).toBe(200);

		// The private calendar feed address.
		const feed = await keeper.post('/api/v1/me/calendar-feed');
		expect(feed.status, JSON.stringify(feed.body)).toBeLessThan(300);
		const feedToken = new URL(feed.body.url).pathname.split('/').pop()!.replace(/\.ics$/, '');
		secrets.feedToken = feedToken;
		expect((await fetch(feed.body.url)).status).toBe(200);

		// A claim code, in the API's body and in the claim page's query string.
		const activity = await publishedActivity(owner, organisation.id);
		const code = await owner.post(`/api/v1/activities/${activity.id}/claim-codes`, { validUntil: new Date(Date.now() + 3_600_000).toISOString(), maxClaims: 5 });
		expect(code.status, JSON.stringify(code.body)).toBe(201);
		secrets.claimCode = code.body.code.replace('-', '');
		const claimer = await signUp(platform, 'claimer');
		expect((await claimer.post('/api/v1/claim', { code: code.body.code })).status).toBe(201);
		expect((await fetch(`${url}/claim?code=${secrets.claimCode}`)).status).toBe(200);

		// An OAuth client secret, in Basic auth and in a form body.
		const wallet = testWallet(url);
		const client = await wallet.register();
		expect(client.status).toBe(201);
		secrets.clientSecret = client.body.client_secret;
		for (const auth of ['basic', 'post'] as const) {
			const refused = await wallet.token(client.body, { grant_type: 'authorization_code', code: 'col_ob3c_not-a-code', redirect_uri: REDIRECT_URI, code_verifier: 'v'.repeat(50) }, auth);
			expect(refused.status).toBe(400);
		}

		// Wait for the last request lines to be written.
		await new Promise((resolve) => setTimeout(resolve, 200));
		const logged = platform.server
			.logs()
			.filter((line) => !line.includes('"msg":"mail"'))
			.join('\n');
		expect(logged).toContain('"msg":"request"');
		// The requests were logged, with the secret part of their address masked.
		expect(logged).toContain('"path":"/invitations/[redacted]"');
		expect(logged).toContain('"path":"/calendar/[redacted].ics"');
		const leaked = Object.entries(secrets).filter(([, secret]) => logged.includes(secret) || logged.includes(encodeURIComponent(secret)));
		expect(leaked.map(([name]) => name)).toEqual([]);
	});
});
