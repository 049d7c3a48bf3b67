import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { CreateCityInput } from '$lib/server/cities/schemas';
import { createCity } from '$lib/server/cities/service';
import { TIME_ZONES } from '$lib/server/cities/time-zones';
import { handleForm } from '$lib/server/forms/forms';
import { can } from '$lib/server/policies/policies';
import { requireSignedIn } from '$lib/server/pages/guards';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	if (!can(actor, 'city.create')) error(403, 'Platform admins only');
	return { timezones: TIME_ZONES, frameworkOptions: locals.app.frameworks.frameworks.map((f) => ({ id: f.id, name: f.name })) };
};

export const actions: Actions = {
	default: async (event) =>
		handleForm(event.request, CreateCityInput, { arrays: ['locales', 'frameworks'], numbers: ['center.lat', 'center.lon'], booleans: ['moderateActivities'] }, async (input) => {
			const city = await createCity(event.locals.app, event.locals.actor, input);
			redirect(303, `/cities/${city.slug}/admin?created=1`);
		})
};
