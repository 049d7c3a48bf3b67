import { endpoint } from '$lib/server/http/endpoint';
import { forwardSetCookies } from '$lib/server/http/cookies';
import { AuthResult, RegisterInput } from '$lib/server/accounts/schemas';
import { register } from '$lib/server/accounts/service';

export const POST = endpoint(
	{
		summary: 'Create an account',
		description: 'Creates an account, signs it in and e-mails a verification link. The token works as `Authorization: Bearer <token>`.',
		tags: ['Accounts'],
		access: 'public',
		body: RegisterInput,
		response: AuthResult,
		status: 201,
		errors: ['email_taken', 'rate_limited']
	},
	async ({ app, body, event, headers }) => {
		const result = await register(app, body, { headers: event.request.headers, clientAddress: event.getClientAddress() });
		forwardSetCookies(result.headers, headers);
		return { user: result.user, token: result.token };
	}
);
