import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { logout } from '$lib/server/accounts/service';
import { applySetCookies } from '$lib/server/http/cookies';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.actor.kind !== 'user') redirect(303, '/');
};

export const actions: Actions = {
	default: async ({ locals, request, cookies }) => {
		applySetCookies(await logout(locals.app, request.headers), cookies);
		redirect(303, '/');
	}
};
