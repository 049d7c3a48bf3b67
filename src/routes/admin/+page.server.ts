import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { listAllCities } from '$lib/server/cities/queries';
import { can } from '$lib/server/policies/policies';
import { requireSignedIn } from '$lib/server/pages/guards';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	if (!can(actor, 'city.create')) error(403, 'Platform admins only');
	const cities = await listAllCities(locals.app.db);
	return { cities: cities.map((c) => ({ slug: c.slug, name: c.name, locales: c.locales })), welcome: url.searchParams.has('welcome') };
};
