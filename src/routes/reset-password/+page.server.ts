import type { Actions, PageServerLoad } from './$types';
import { ResetPasswordInput } from '$lib/server/accounts/schemas';
import { resetPassword } from '$lib/server/accounts/service';
import { handleForm } from '$lib/server/forms/forms';

export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
	default: async (event) =>
		handleForm(event.request, ResetPasswordInput, {}, async (input) => {
			await resetPassword(event.locals.app, input.token, input.newPassword);
			return { done: true as const };
		})
};
