import type { RequestHandler } from './$types';
import { json, oauthEndpoint, OAuthError, preflight } from '$lib/server/ob3api/http';
import { readOAuthForm } from '$lib/server/ob3api/form';
import { authenticateClient, exchangeCode, refresh } from '$lib/server/ob3api/tokens';
import { enforceRateLimit } from '$lib/server/ratelimit/rate-limiter';

/** The token endpoint: authorization codes (with PKCE) and refresh tokens (rotated). */
export const POST: RequestHandler = ({ locals, request, getClientAddress }) =>
	oauthEndpoint(locals.logger, async () => {
		const { app } = locals;
		await enforceRateLimit(app.db, [`oauth-token:ip:${getClientAddress()}`], app.config.rateLimits.oauthToken);
		const form = await readOAuthForm(request);
		const client = await authenticateClient(app.db, request.headers.get('authorization'), form);
		const grantType = form.get('grant_type');
		if (grantType === 'authorization_code') return json(await exchangeCode(app, client, form), 200, { pragma: 'no-cache' });
		if (grantType === 'refresh_token') return json(await refresh(app, client, form), 200, { pragma: 'no-cache' });
		throw new OAuthError('unsupported_grant_type', 'grant_type must be authorization_code or refresh_token.');
	});

export const OPTIONS: RequestHandler = () => preflight('POST');
