import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { handleForm } from '$lib/server/forms/forms';
import { requireSignedIn } from '$lib/server/pages/guards';
import { listConnectedApps, revokeConnectedApp } from '$lib/server/ob3api/connections';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	const apps = await listConnectedApps(locals.app, actor);
	return { apps: apps.map((app) => ({ ...app, since: app.since.toISOString(), lastUsedAt: app.lastUsedAt?.toISOString() ?? null })) };
};

export const actions: Actions = {
	revoke: async (event) => {
		const actor = requireSignedIn(event.locals.actor, event.url);
		return handleForm(event.request, z.object({ id: z.uuid() }), {}, async ({ id }) => {
			await revokeConnectedApp(event.locals.app, actor, id);
			return { revoked: true as const };
		});
	}
};
