import type { Actions, PageServerLoad } from './$types';
import { z } from 'zod';
import { CreateApiTokenInput } from '$lib/server/accounts/schemas';
import { createApiToken, listApiTokens, revokeApiToken } from '$lib/server/accounts/api-tokens';
import { presentApiToken } from '$lib/server/accounts/presenters';
import { handleForm } from '$lib/server/forms/forms';
import { requireSignedIn } from '$lib/server/pages/guards';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	return { tokens: (await listApiTokens(locals.app.db, actor.user.id)).map(presentApiToken) };
};

export const actions: Actions = {
	create: async (event) => {
		const actor = requireSignedIn(event.locals.actor, event.url);
		return handleForm(event.request, CreateApiTokenInput, { numbers: ['expiresInDays'] }, async (input) => {
			const created = await createApiToken(event.locals.app.db, actor.user.id, input);
			return { created: { name: created.name, token: created.token } };
		});
	},
	revoke: async (event) => {
		const actor = requireSignedIn(event.locals.actor, event.url);
		return handleForm(event.request, z.object({ id: z.uuid() }), {}, async ({ id }) => {
			await revokeApiToken(event.locals.app.db, actor.user.id, id);
			return { revoked: true as const };
		});
	}
};
