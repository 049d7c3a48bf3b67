import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/pages/guards';
import { handleForm } from '$lib/server/forms/forms';
import { PublicProfileInput } from '$lib/server/profiles/schemas';
import { getMyPublicProfile, updateMyPublicProfile } from '$lib/server/profiles/service';
import { myWalletCards } from '$lib/server/wallet/service';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	const cards = await myWalletCards(locals.app, actor);
	return {
		profile: await getMyPublicProfile(locals.app, actor),
		// A revoked credential is never shown publicly, so it is not offered either.
		choices: cards.filter((card) => card.status !== 'revoked').map((card) => ({ value: card.id, label: `${card.name} (${card.issuer})` }))
	};
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const actor = requireSignedIn(locals.actor, url);
		return handleForm(request, PublicProfileInput, { booleans: ['enabled'], arrays: ['credentialIds'] }, async (input) => {
			// A form leaves an emptied field out; here an empty headline means "no headline", not "keep it".
			const saved = await updateMyPublicProfile(locals.app, actor, { ...input, headline: input.headline ?? '' });
			return { saved: true as const, enabled: saved.enabled };
		});
	}
};
