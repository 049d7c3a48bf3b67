import { isAPIError } from 'better-auth/api';
import { AppError, validationFailed } from '../http/errors';

/**
 * better-auth reports problems as its own APIError; the platform answers with its error catalogue.
 * Anything else is rethrown untouched (an outage must not turn into a "wrong password").
 */
export function translateAuthError(error: unknown, field?: { password?: string }): never {
	if (!isAPIError(error)) throw error;
	const code = (error.body as { code?: string } | undefined)?.code ?? '';
	switch (code) {
		case 'USER_ALREADY_EXISTS':
		case 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL':
			throw new AppError('email_taken', 'An account with this e-mail address already exists.');
		case 'INVALID_EMAIL_OR_PASSWORD':
			throw new AppError('invalid_credentials', 'The e-mail address or the password is wrong.');
		case 'INVALID_PASSWORD':
			throw validationFailed([
				{ path: field?.password ?? 'password', code: 'wrong_password', message: 'The password is wrong.' }
			]);
		case 'INVALID_TOKEN':
		case 'TOKEN_EXPIRED':
			throw new AppError('invalid_token', 'This link is invalid or has expired. Ask for a new one.');
		case 'EMAIL_ALREADY_VERIFIED':
			throw new AppError('invalid_state', 'This e-mail address is already verified.');
		case 'last_owner':
		case 'last_platform_admin':
			throw new AppError(code, error.message);
		case 'USER_NOT_FOUND':
		case 'UNAUTHORIZED':
			throw new AppError('unauthenticated', 'Sign in first.');
	}
	if (error.statusCode === 401) throw new AppError('unauthenticated', 'Sign in first.');
	if (error.statusCode >= 400 && error.statusCode < 500) throw new AppError('bad_request', error.message);
	throw error;
}
