import { endpoint } from '$lib/server/http/endpoint';
import { forwardSetCookies } from '$lib/server/http/cookies';
import { AuthResult, LoginInput } from '$lib/server/accounts/schemas';
import { login } from '$lib/server/accounts/service';

export const POST = endpoint(
	{
		summary: 'Sign in',
		description: 'Starts a session: a cookie for browsers, and a token to send as `Authorization: Bearer <token>`.',
		tags: ['Accounts'],
		access: 'public',
		body: LoginInput,
		response: AuthResult,
		errors: ['invalid_credentials', 'rate_limited']
	},
	async ({ app, body, event, headers }) => {
		const result = await login(app, body, { headers: event.request.headers, clientAddress: event.getClientAddress() });
		forwardSetCookies(result.headers, headers);
		return { user: result.user, token: result.token };
	}
);
