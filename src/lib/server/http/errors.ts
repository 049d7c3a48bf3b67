/**
 * The error catalogue: every error the platform reports has a stable code, and each code maps to one
 * HTTP status. API clients rely on the codes; pages translate them (messages `error_<code>`).
 */
export const errorStatus = {
	bad_request: 400,
	invalid_json: 400,
	validation_failed: 422,
	unauthenticated: 401,
	invalid_credentials: 401,
	forbidden: 403,
	cross_site_request: 403,
	not_found: 404,
	method_not_allowed: 405,
	conflict: 409,
	email_taken: 409,
	slug_taken: 409,
	already_member: 409,
	invalid_state: 409,
	last_owner: 409,
	last_platform_admin: 409,
	activity_full: 409,
	age_required: 403,
	guardian_consent_required: 403,
	url_not_allowed: 422,
	import_unreadable: 422,
	invalid_credential: 422,
	code_not_yet_valid: 409,
	code_used_up: 409,
	code_expired: 410,
	payload_too_large: 413,
	// Sent by server.js when Node's parser refuses an address or headers over its 16 KB limit.
	headers_too_large: 431,
	unsupported_media_type: 415,
	invalid_token: 400,
	rate_limited: 429,
	account_locked: 429,
	internal: 500,
	fetch_failed: 502,
	// The machine translation provider refused, failed or took too long; nothing was changed.
	translation_failed: 502,
	unavailable: 503,
	// No machine translation provider is configured (TRANSLATE_PROVIDER); people can still translate.
	translation_unavailable: 503
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldIssue {
	/** Dotted path of the field, for example `center.lat`. */
	path: string;
	/** A zod issue code (`too_small`, `invalid_format`, ...) or a domain code. */
	code: string;
	message: string;
	/** Limits and the like, for building a translated message. */
	params?: Record<string, unknown>;
}

export class AppError extends Error {
	readonly status: number;
	constructor(
		readonly code: ErrorCode,
		message: string,
		readonly details?: unknown,
		readonly headers?: Record<string, string>
	) {
		super(message);
		this.name = 'AppError';
		this.status = errorStatus[code];
	}
}

export function isAppError(error: unknown): error is AppError {
	return error instanceof AppError;
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found.`);
export const forbidden = (message = 'You are not allowed to do this.') => new AppError('forbidden', message);
export const unauthenticated = () =>
	new AppError('unauthenticated', 'Sign in first: send the session cookie or an Authorization: Bearer token.');
export const invalidState = (message: string) => new AppError('invalid_state', message);
export const validationFailed = (issues: FieldIssue[]) =>
	new AppError('validation_failed', 'Some fields are not valid.', issues);

/** The one JSON error shape of the public contract. */
export function errorBody(code: string, message: string, details?: unknown) {
	return { error: { code, message, details: details ?? null } };
}
