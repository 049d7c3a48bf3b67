import type { Actions } from './$types';
import { RequestPasswordResetInput } from '$lib/server/accounts/schemas';
import { requestPasswordReset } from '$lib/server/accounts/service';
import { handleForm } from '$lib/server/forms/forms';

export const actions: Actions = {
	default: async (event) =>
		handleForm(event.request, RequestPasswordResetInput, {}, async (input) => {
			await requestPasswordReset(event.locals.app, input.email, {
				headers: event.request.headers,
				clientAddress: event.getClientAddress()
			});
			return { sent: true as const };
		})
};
