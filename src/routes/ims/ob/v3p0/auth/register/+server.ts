import type { RequestHandler } from './$types';
import { json, oauthEndpoint, OAuthError, preflight } from '$lib/server/ob3api/http';
import { registerClient } from '$lib/server/ob3api/registration';
import { enforceRateLimit } from '$lib/server/ratelimit/rate-limiter';
import { readJsonBody } from '$lib/server/http/validation';
import { AppError } from '$lib/server/http/errors';

/** Dynamic client registration (RFC 7591): open, rate-limited per address. */
export const POST: RequestHandler = ({ locals, request, getClientAddress }) =>
	oauthEndpoint(locals.logger, async () => {
		await enforceRateLimit(locals.app.db, [`oauth-register:ip:${getClientAddress()}`], locals.app.config.rateLimits.oauthRegister);
		const body = await readJsonBody(request, 64 * 1024).catch((error: unknown) => {
			if (error instanceof AppError) throw new OAuthError('invalid_client_metadata', error.message);
			throw error;
		});
		return json(await registerClient(locals.app.db, body, locals.app.now()), 201);
	});

export const OPTIONS: RequestHandler = () => preflight('POST');
