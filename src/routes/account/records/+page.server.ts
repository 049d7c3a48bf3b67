import type { PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/pages/guards';
import { listMyCredentials } from '$lib/server/credentials/service';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	const held = await listMyCredentials(locals.app, actor);
	return { standing: held.filter((row) => !row.revokedAt).length };
};
