import type { PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/pages/guards';
import { loadDashboard } from '$lib/server/stats/pages';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	return loadDashboard(locals.app, actor, { kind: 'organisation', id: params.id }, url, locals.locale ?? 'en');
};
