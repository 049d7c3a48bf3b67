import type { Actions, PageServerLoad } from './$types';
import { revokeCredential } from '$lib/server/credentials/service';
import { linkedInUrl, loadCredentialView } from '$lib/server/credentials/view';
import { RevokeCredentialInput } from '$lib/server/credentials/presenters';
import { can } from '$lib/server/policies/policies';
import { handleForm } from '$lib/server/forms/forms';
import { requireSignedIn } from '$lib/server/pages/guards';
import { uuidParam } from '$lib/server/http/endpoint';

/** The public page of a credential: what it says, who issued it, and each verification check. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const view = await loadCredentialView(locals, params.id);
	const { row, ...shown } = view;
	return {
		...shown,
		canRevoke: !row.revokedAt && can(locals.actor, 'credential.revoke', { cityId: row.cityId, organisationId: row.organisationId }),
		linkedIn: shown.credential.mine && !row.revokedAt ? linkedInUrl(row, shown.credential.name, shown.credential.issuer.name, shown.credential.url) : null
	};
};

export const actions: Actions = {
	/** The issuing organisation's owners and admins revoke, with a reason everyone checking will read. */
	revoke: async ({ locals, request, params, url }) => {
		const actor = requireSignedIn(locals.actor, url);
		return handleForm(request, RevokeCredentialInput, {}, async (input) => {
			await revokeCredential(locals.app, actor, uuidParam(params.id, 'Credential'), input.reason);
			return { revoked: true };
		});
	}
};
