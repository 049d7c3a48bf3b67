import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { claimBadge } from '$lib/server/credentials/claims';
import { ClaimInput } from '$lib/server/credentials/claim-schemas';
import { handleForm } from '$lib/server/forms/forms';

/** The page a claim QR code opens: the code filled in, one button to claim (after signing in). */
export const load: PageServerLoad = async ({ locals, url }) => ({
	code: url.searchParams.get('code')?.slice(0, 40) ?? '',
	signedIn: locals.actor.kind === 'user'
});

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		if (locals.actor.kind !== 'user') {
			const code = String((await request.clone().formData().catch(() => undefined))?.get('code') ?? '');
			redirect(303, `/login?next=${encodeURIComponent(`/claim?code=${encodeURIComponent(code)}`)}`);
		}
		return handleForm(request, ClaimInput, {}, async (input) => {
			const { credential, created } = await claimBadge(locals.app, locals.actor, input.code);
			return { credentialId: credential.id, created };
		});
	}
};
