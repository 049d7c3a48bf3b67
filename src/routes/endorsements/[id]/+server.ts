import type { RequestHandler } from './$types';
import { jsonError } from '$lib/server/http/endpoint';
import { notFound } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/validation';
import { findEndorsement } from '$lib/server/credentials/endorsements';

/** The signed EndorsementCredential, at the id it carries. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const endorsement = isUuid(params.id) ? await findEndorsement(locals.app, params.id) : undefined;
	if (!endorsement) return jsonError(notFound('Endorsement'));
	return new Response(JSON.stringify(endorsement.document, null, 2), {
		headers: { 'content-type': 'application/vc+ld+json', 'access-control-allow-origin': '*', 'cache-control': 'no-cache' }
	});
};
