import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { findCityBySlug } from '$lib/server/cities/queries';
import { cityOffices } from '$lib/server/organisations/city-office';
import { can } from '$lib/server/policies/policies';
import { requireSignedIn } from '$lib/server/pages/guards';

/** Every city admin page: the city's admins and platform admins only (form actions check again). */
export const load: LayoutServerLoad = async ({ locals, params, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	const city = await findCityBySlug(locals.app.db, params.slug);
	if (!city) error(404, 'City not found');
	if (!can(actor, 'city.update', { cityId: city.id })) error(403, 'City admins only');
	const officeId = (await cityOffices(locals.app.db, [city.id])).get(city.id) ?? null;
	return { adminCity: { id: city.id, slug: city.slug, name: city.name, officeId }, canManageAdmins: can(actor, 'city.admins.manage', { cityId: city.id }) };
};
