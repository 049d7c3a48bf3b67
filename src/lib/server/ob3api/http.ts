import type { Logger } from '../logging/logger';
import { AppError } from '../http/errors';

/**
 * The wire shapes of the Open Badges API, which differ from the platform's own API: resource errors
 * are `Imsx_StatusInfo` documents, and the OAuth endpoints answer with OAuth's `{error,
 * error_description}` (RFC 6749 section 5.2, RFC 7591 section 3.2.2).
 */
export type CodeMinor = 'forbidden' | 'internal_server_error' | 'invalid_data' | 'invalid_query_parameter' | 'not_found' | 'not_allowed' | 'unauthorizedrequest' | 'server_busy';

export class Ob3Error extends Error {
	constructor(
		readonly status: number,
		readonly codeMinor: CodeMinor,
		message: string,
		readonly headers: Record<string, string> = {}
	) {
		super(message);
		this.name = 'Ob3Error';
	}
}

/**
 * The API is called from other origins (browser-based wallets included). Tokens travel in the
 * Authorization header, never in cookies, so any origin may call it without opening a CSRF hole.
 */
export const CORS_HEADERS: Record<string, string> = {
	'access-control-allow-origin': '*',
	'access-control-allow-headers': 'Authorization, Content-Type, Accept',
	'access-control-expose-headers': 'X-Total-Count, Link, WWW-Authenticate, Retry-After',
	'access-control-max-age': '600'
};

export function preflight(methods: string): Response {
	return new Response(null, { status: 204, headers: { ...CORS_HEADERS, 'access-control-allow-methods': `${methods}, OPTIONS` } });
}

export function statusInfo(status: number, codeMinor: CodeMinor, description: string, headers: Record<string, string> = {}): Response {
	const body = {
		imsx_codeMajor: 'failure',
		imsx_severity: 'error',
		imsx_description: description,
		imsx_codeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: codeMinor }] }
	};
	return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...CORS_HEADERS, ...headers } });
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...CORS_HEADERS, ...headers } });
}

/** Runs a resource handler: Ob3Errors become their status document; anything else a logged 500. */
export async function ob3Resource(logger: Logger, handler: () => Promise<Response>): Promise<Response> {
	try {
		return await handler();
	} catch (error) {
		if (error instanceof Ob3Error) return statusInfo(error.status, error.codeMinor, error.message, error.headers);
		if (error instanceof AppError) return statusInfoFor(error);
		logger.error({ err: error }, 'unexpected error in the Open Badges API');
		return statusInfo(500, 'internal_server_error', 'Something went wrong on our side. The error has been logged.');
	}
}

/**
 * The platform's own errors in the API's shape. The specification lists 400 for any bad input, so the
 * platform's 409/413/415/422 answers become 400 here; rate limits keep 429 and their Retry-After.
 */
function statusInfoFor(error: AppError): Response {
	if (error.code === 'rate_limited') return statusInfo(429, 'server_busy', error.message, error.headers);
	if (error.status === 404) return statusInfo(404, 'not_found', error.message);
	if (error.status === 401) return statusInfo(401, 'unauthorizedrequest', error.message);
	if (error.status === 403) return statusInfo(403, 'forbidden', error.message);
	if (error.status >= 500) return statusInfo(error.status === 502 ? 502 : 503, 'server_busy', error.message);
	return statusInfo(400, 'invalid_data', error.message);
}

/** An OAuth protocol error (token, revocation and registration endpoints). */
export class OAuthError extends Error {
	constructor(
		readonly error: string,
		message: string,
		readonly status = 400,
		readonly headers: Record<string, string> = {}
	) {
		super(message);
		this.name = 'OAuthError';
	}
}

/**
 * Runs an OAuth endpoint: its own errors in the OAuth shape, rate limits as 429, and any other bad
 * input the shared readers refuse (a body too large or unreadable) as `badInput` (400), never a 500.
 */
export async function oauthEndpoint(logger: Logger, handler: () => Promise<Response>, badInput = 'invalid_request'): Promise<Response> {
	try {
		return await handler();
	} catch (error) {
		if (error instanceof OAuthError) {
			return json({ error: error.error, error_description: error.message }, error.status, { pragma: 'no-cache', ...error.headers });
		}
		if (error instanceof AppError && error.code === 'rate_limited') {
			return json({ error: 'rate_limited', error_description: error.message }, 429, { ...error.headers });
		}
		if (error instanceof AppError && error.status < 500) {
			return json({ error: badInput, error_description: error.message }, 400, { pragma: 'no-cache' });
		}
		logger.error({ err: error }, 'unexpected error in an OAuth endpoint');
		return json({ error: 'server_error', error_description: 'Something went wrong on our side.' }, 500);
	}
}
