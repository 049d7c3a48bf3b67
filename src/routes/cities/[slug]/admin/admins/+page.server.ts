import type { Actions, PageServerLoad } from './$types';
import { z } from 'zod';
import { AddCityAdminInput } from '$lib/server/cities/schemas';
import { addCityAdmin, listCityAdmins, removeCityAdmin } from '$lib/server/cities/service';
import { presentCityAdmin } from '$lib/server/cities/presenters';
import { handleForm } from '$lib/server/forms/forms';

export const load: PageServerLoad = async ({ locals, params }) => ({
	admins: (await listCityAdmins(locals.app, locals.actor, params.slug)).map(presentCityAdmin)
});

export const actions: Actions = {
	add: async (event) =>
		handleForm(event.request, AddCityAdminInput, {}, async ({ email }) => {
			const admin = await addCityAdmin(event.locals.app, event.locals.actor, event.params.slug, email);
			return { added: admin.name };
		}),
	remove: async (event) =>
		handleForm(event.request, z.object({ userId: z.uuid() }), {}, async ({ userId }) => {
			await removeCityAdmin(event.locals.app, event.locals.actor, event.params.slug, userId);
			return { removed: true as const };
		})
};
