import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { DeleteAccountInput } from '$lib/server/accounts/schemas';
import { deleteAccount } from '$lib/server/accounts/service';
import { handleForm } from '$lib/server/forms/forms';
import { requireSignedIn } from '$lib/server/pages/guards';

export const load: PageServerLoad = ({ locals, url }) => {
	requireSignedIn(locals.actor, url);
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireSignedIn(event.locals.actor, event.url);
		return handleForm(event.request, DeleteAccountInput, {}, async (input) => {
			await deleteAccount(event.locals.app, actor, input.password, event.request.headers);
			for (const cookie of event.cookies.getAll()) {
				if (cookie.name.includes('col.session')) event.cookies.delete(cookie.name, { path: '/' });
			}
			redirect(303, '/?deleted=1');
		});
	}
};
