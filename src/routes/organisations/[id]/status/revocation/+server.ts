import { eq } from 'drizzle-orm';
import type { RequestHandler } from './$types';
import { organisations } from '$lib/server/organisations/schema';
import { activeKeyPair } from '$lib/server/credentials/issuer';
import { issuerContext } from '$lib/server/credentials/service';
import { revocationList } from '$lib/server/credentials/status-list';
import { jsonNotFound, isUuid } from '$lib/server/credentials/http';

/** The organisation's signed revocation list (a BitstringStatusListCredential). Never cached: revocation shows at once. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { app } = locals;
	if (!isUuid(params.id)) return jsonNotFound('Status list');
	const [organisation] = await app.db.select({ id: organisations.id, cityId: organisations.cityId }).from(organisations).where(eq(organisations.id, params.id));
	if (!organisation) return jsonNotFound('Status list');
	const document = await revocationList(app.db, app.config.publicUrl, organisation.id, () => activeKeyPair(issuerContext(app), organisation), app.now());
	return new Response(JSON.stringify(document), {
		headers: { 'content-type': 'application/vc+ld+json', 'access-control-allow-origin': '*', 'cache-control': 'no-cache' }
	});
};
