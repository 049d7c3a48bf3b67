import type { Actions, PageServerLoad } from './$types';
import { GuardianConsentInput } from '$lib/server/learners/guardian-schemas';
import { myGuardianConsent, requestGuardianConsent } from '$lib/server/learners/guardian';
import { handleForm } from '$lib/server/forms/forms';
import { requireSignedIn } from '$lib/server/pages/guards';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	return { consent: await myGuardianConsent(locals.app, actor) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireSignedIn(event.locals.actor, event.url);
		return handleForm(event.request, GuardianConsentInput, {}, async (input) => {
			await requestGuardianConsent(event.locals.app, actor, input);
			return { sent: true as const };
		});
	}
};
