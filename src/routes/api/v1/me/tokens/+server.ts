import { z } from 'zod';
import { endpoint } from '$lib/server/http/endpoint';
import { ApiTokenDto, CreateApiTokenInput, CreatedApiTokenDto } from '$lib/server/accounts/schemas';
import { createApiToken, listApiTokens } from '$lib/server/accounts/api-tokens';
import { presentApiToken } from '$lib/server/accounts/presenters';
import { requireUser } from '$lib/server/policies/policies';

export const GET = endpoint(
	{ summary: 'List my personal API tokens', tags: ['Accounts'], access: 'user', response: z.object({ items: z.array(ApiTokenDto) }) },
	async ({ app, actor }) => ({ items: (await listApiTokens(app.db, requireUser(actor).user.id)).map(presentApiToken) })
);

export const POST = endpoint(
	{
		summary: 'Create a personal API token',
		description: 'The token is shown once in the answer. Send it as `Authorization: Bearer <token>`.',
		tags: ['Accounts'],
		access: 'user',
		body: CreateApiTokenInput,
		response: CreatedApiTokenDto,
		status: 201
	},
	async ({ app, actor, body }) => {
		const created = await createApiToken(app.db, requireUser(actor).user.id, body);
		return { ...presentApiToken(created), token: created.token };
	}
);
