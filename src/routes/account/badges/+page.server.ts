import type { PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/pages/guards';
import { listMyCredentials } from '$lib/server/credentials/service';
import { presentCredential } from '$lib/server/credentials/presenters';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	const badges = (await listMyCredentials(locals.app, actor)).map((row) => presentCredential(row, locals.app.config.publicUrl));
	// The page lists them; the signed documents stay behind their links.
	return { badges: badges.map(({ credential: _credential, ...badge }) => badge) };
};
