import { endpoint } from '$lib/server/http/endpoint';
import { forwardSetCookies } from '$lib/server/http/cookies';
import { ChangePasswordInput } from '$lib/server/accounts/schemas';
import { changePassword } from '$lib/server/accounts/service';
import { requireUser } from '$lib/server/policies/policies';
import { z } from 'zod';

export const POST = endpoint(
	{
		summary: 'Change the password',
		description: 'Ends every other session and returns a new session token.',
		tags: ['Accounts'],
		access: 'user',
		body: ChangePasswordInput,
		response: z.object({ token: z.string().nullable() })
	},
	async ({ app, actor, body, event, headers }) => {
		const result = await changePassword(app, requireUser(actor), body, event.request.headers);
		forwardSetCookies(result.headers, headers);
		return { token: result.token };
	}
);
