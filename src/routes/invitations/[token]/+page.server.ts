import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { acceptInvitation, previewInvitation } from '$lib/server/organisations/invitations';
import { AppError } from '$lib/server/http/errors';
import { failureFor } from '$lib/server/forms/forms';
import { translateError } from '$lib/server/forms/messages';
import { requireSignedIn } from '$lib/server/pages/guards';

export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		const invitation = await previewInvitation(locals.app, params.token);
		const signedInAs = locals.actor.kind === 'user' ? locals.actor.user.email : null;
		return { invitation, signedInAs, problem: null };
	} catch (error) {
		if (error instanceof AppError) return { invitation: null, signedInAs: null, problem: translateError(error) };
		throw error;
	}
};

export const actions: Actions = {
	default: async ({ locals, params, url }) => {
		const actor = requireSignedIn(locals.actor, url);
		try {
			const result = await acceptInvitation(locals.app, actor, params.token);
			redirect(303, `/organisations/${result.organisationId}/members`);
		} catch (error) {
			if (error instanceof AppError) return failureFor(error);
			throw error;
		}
	}
};
