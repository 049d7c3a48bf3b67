import { z } from 'zod';
import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { revokeCredential } from '$lib/server/credentials/service';
import { CredentialDto, presentCredential, RevokeCredentialInput } from '$lib/server/credentials/presenters';

export const POST = endpoint(
	{
		summary: 'Revoke a credential',
		description:
			'Owners and admins of the issuing organisation. The reason is shown to anyone who verifies the credential; the status list changes at once. Revoking twice is a 409 `invalid_state`.',
		tags: ['Badges'],
		access: 'user',
		body: RevokeCredentialInput,
		response: z.object({ credential: CredentialDto }),
		errors: ['invalid_state']
	},
	async ({ app, actor, params, body }) => ({ credential: presentCredential(await revokeCredential(app, actor, uuidParam(params.id, 'Credential'), body.reason), app.config.publicUrl) })
);
