import type { RequestHandler } from './$types';
import { findCredential } from '$lib/server/credentials/service';
import { credentialJson, isUuid, jsonNotFound } from '$lib/server/credentials/http';

/** Machines asking for JSON-LD get the credential itself; people (Accept: text/html) get the page. */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!isUuid(params.id)) return jsonNotFound('Credential');
	const credential = await findCredential(locals.app, params.id);
	if (!credential) return jsonNotFound('Credential');
	return credentialJson(credential.document);
};
