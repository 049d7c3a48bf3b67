import type { RequestHandler } from './$types';
import { CORS_HEADERS, oauthEndpoint, preflight } from '$lib/server/ob3api/http';
import { readOAuthForm } from '$lib/server/ob3api/form';
import { authenticateClient, revokeToken } from '$lib/server/ob3api/tokens';
import { enforceRateLimit } from '$lib/server/ratelimit/rate-limiter';

/** Token revocation (RFC 7009): 200 whether or not the token was known. */
export const POST: RequestHandler = ({ locals, request, getClientAddress }) =>
	oauthEndpoint(locals.logger, async () => {
		await enforceRateLimit(locals.app.db, [`oauth-token:ip:${getClientAddress()}`], locals.app.config.rateLimits.oauthToken);
		const form = await readOAuthForm(request);
		const client = await authenticateClient(locals.app.db, request.headers.get('authorization'), form);
		await revokeToken(locals.app.db, client, form);
		return new Response(null, { status: 200, headers: { 'cache-control': 'no-store', ...CORS_HEADERS } });
	});

export const OPTIONS: RequestHandler = () => preflight('POST');
