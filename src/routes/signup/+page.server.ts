import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { RegisterInput } from '$lib/server/accounts/schemas';
import { register } from '$lib/server/accounts/service';
import { applySetCookies } from '$lib/server/http/cookies';
import { handleForm } from '$lib/server/forms/forms';
import { safeRedirectPath } from '$lib/server/pages/guards';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeRedirectPath(url.searchParams.get('next'), '/account?welcome=1');
	if (locals.actor.kind === 'user') redirect(303, next);
	return { next };
};

export const actions: Actions = {
	default: async (event) =>
		handleForm(event.request, RegisterInput.omit({ locale: true }), {}, async (input, form) => {
			const result = await register(
				event.locals.app,
				{ ...input, locale: event.locals.locale },
				{ headers: event.request.headers, clientAddress: event.getClientAddress() }
			);
			applySetCookies(result.headers, event.cookies);
			redirect(303, safeRedirectPath(form.get('next'), '/account?welcome=1'));
		})
};
