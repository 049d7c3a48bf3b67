import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { revokeApiToken } from '$lib/server/accounts/api-tokens';
import { requireUser } from '$lib/server/policies/policies';

export const DELETE = endpoint(
	{ summary: 'Revoke a personal API token', tags: ['Accounts'], access: 'user', status: 204 },
	async ({ app, actor, params }) => {
		await revokeApiToken(app.db, requireUser(actor).user.id, uuidParam(params.id, 'API token'));
	}
);
