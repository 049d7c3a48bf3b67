import type { RequestHandler } from './$types';
import { json, oauthEndpoint, preflight } from '$lib/server/ob3api/http';
import { registerClient } from '$lib/server/ob3api/registration';
import { enforceRateLimit } from '$lib/server/ratelimit/rate-limiter';
import { readJsonBody } from '$lib/server/http/validation';

/** Dynamic client registration (RFC 7591): open, rate-limited per address. */
export const POST: RequestHandler = ({ locals, request, getClientAddress }) =>
	oauthEndpoint(locals.logger, async () => {
		await enforceRateLimit(locals.app.db, [`oauth-register:ip:${getClientAddress()}`], locals.app.config.rateLimits.oauthRegister);
		const body = await readJsonBody(request, 64 * 1024);
		return json(await registerClient(locals.app.db, body, locals.app.now()), 201);
	}, 'invalid_client_metadata');

export const OPTIONS: RequestHandler = () => preflight('POST');
