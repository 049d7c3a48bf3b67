import type { RequestHandler } from './$types';
import { findOrganisationScope } from '$lib/server/organisations/queries';
import { activeKeyPair } from '$lib/server/credentials/issuer';
import { issuerContext } from '$lib/server/credentials/issuer';
import { revocationList } from '$lib/server/credentials/status-list';
import { jsonError } from '$lib/server/http/endpoint';
import { notFound } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/validation';

/** The organisation's signed revocation list (a BitstringStatusListCredential). Never cached: revocation shows at once. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { app } = locals;
	const organisation = isUuid(params.id) ? await findOrganisationScope(app.db, params.id) : undefined;
	if (!organisation) return jsonError(notFound('Status list'));
	const document = await revocationList(app.db, app.config.publicUrl, organisation.id, () => activeKeyPair(issuerContext(app), organisation), app.now());
	return new Response(JSON.stringify(document), {
		headers: { 'content-type': 'application/vc+ld+json', 'access-control-allow-origin': '*', 'cache-control': 'no-cache' }
	});
};
