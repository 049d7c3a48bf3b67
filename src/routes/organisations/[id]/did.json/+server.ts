import type { RequestHandler } from './$types';
import { findOrganisationScope } from '$lib/server/organisations/queries';
import { organisationDidDocument } from '$lib/server/credentials/issuer';
import { jsonError } from '$lib/server/http/endpoint';
import { notFound } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/validation';

/** The organisation's did:web DID document: where verifiers find the keys its credentials are signed with. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { app } = locals;
	const organisation = isUuid(params.id) ? await findOrganisationScope(app.db, params.id) : undefined;
	if (!organisation) return jsonError(notFound('Organisation'));
	const document = await organisationDidDocument({ db: app.db, publicUrl: app.config.publicUrl }, organisation.id);
	return new Response(JSON.stringify(document), {
		headers: { 'content-type': 'application/did+json', 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=60' }
	});
};
