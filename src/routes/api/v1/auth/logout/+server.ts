import { endpoint } from '$lib/server/http/endpoint';
import { forwardSetCookies } from '$lib/server/http/cookies';
import { logout } from '$lib/server/accounts/service';

export const POST = endpoint(
	{ summary: 'Sign out', description: 'Ends the session of the cookie or Bearer session token.', tags: ['Accounts'], access: 'public', status: 204 },
	async ({ app, event, headers }) => {
		forwardSetCookies(await logout(app, event.request.headers), headers);
	}
);
