import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { RegisterInput } from '$lib/server/accounts/schemas';
import { completeSetup, isSetupOpen } from '$lib/server/app/bootstrap';
import { applySetCookies } from '$lib/server/http/cookies';
import { handleForm } from '$lib/server/forms/forms';

const SetupInput = RegisterInput.omit({ locale: true }).extend({ token: z.string().min(1).max(200) });

export const load: PageServerLoad = async ({ locals, url }) => ({
	open: await isSetupOpen(locals.app.db),
	token: url.searchParams.get('token') ?? ''
});

export const actions: Actions = {
	default: async (event) =>
		handleForm(event.request, SetupInput, {}, async ({ token, ...admin }) => {
			const result = await completeSetup(event.locals.app, token, { ...admin, locale: event.locals.locale });
			if (result.headers) applySetCookies(result.headers, event.cookies);
			redirect(303, '/admin?welcome=1');
		})
};
