import { readBody } from '../http/validation';
import { OAuthError } from './http';

/** OAuth's endpoints take application/x-www-form-urlencoded bodies (RFC 6749 section 3.2). */
export async function readOAuthForm(request: Request): Promise<URLSearchParams> {
	if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
		throw new OAuthError('invalid_request', 'Send the parameters as application/x-www-form-urlencoded.');
	}
	const form = new URLSearchParams(Buffer.from(await readBody(request, 16 * 1024)).toString('utf8'));
	// A parameter given twice is ambiguous; RFC 6749 section 3.1 says to refuse it.
	const names = [...form.keys()];
	if (new Set(names).size !== names.length) throw new OAuthError('invalid_request', 'A parameter was given more than once.');
	return form;
}
