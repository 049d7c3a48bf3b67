import { eq } from 'drizzle-orm';
import type { RequestHandler } from './$types';
import { organisations } from '$lib/server/organisations/schema';
import { organisationDidDocument } from '$lib/server/credentials/issuer';
import { didDocument, organisationDid } from '$lib/server/credentials/did';
import { jsonNotFound, isUuid } from '$lib/server/credentials/http';

/** The organisation's did:web DID document: where verifiers find the keys its credentials are signed with. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { app } = locals;
	if (!isUuid(params.id)) return jsonNotFound('Organisation');
	const [organisation] = await app.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, params.id));
	if (!organisation) return jsonNotFound('Organisation');
	const document =
		(await organisationDidDocument({ db: app.db, publicUrl: app.config.publicUrl }, organisation.id)) ??
		didDocument(organisationDid(app.config.publicUrl, organisation.id), []);
	return new Response(JSON.stringify(document), {
		headers: { 'content-type': 'application/did+json', 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=60' }
	});
};
