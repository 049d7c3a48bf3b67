import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { LoginInput } from '$lib/server/accounts/schemas';
import { login } from '$lib/server/accounts/service';
import { applySetCookies } from '$lib/server/http/cookies';
import { handleForm } from '$lib/server/forms/forms';
import { safeRedirectPath } from '$lib/server/pages/guards';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeRedirectPath(url.searchParams.get('next'), '/account');
	if (locals.actor.kind === 'user') redirect(303, next);
	return { next };
};

export const actions: Actions = {
	default: async (event) =>
		handleForm(event.request, LoginInput, {}, async (input, form) => {
			const result = await login(event.locals.app, input, {
				headers: event.request.headers,
				clientAddress: event.getClientAddress()
			});
			applySetCookies(result.headers, event.cookies);
			redirect(303, safeRedirectPath(form.get('next'), '/account'));
		})
};
