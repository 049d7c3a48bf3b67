import type { RequestHandler } from './$types';
import { platformDidDocument } from '$lib/server/records/platform-key';

/** The platform's own did:web document: the key learner records (CLR) are signed with. */
export const GET: RequestHandler = async ({ locals }) => {
	const document = await platformDidDocument(locals.app.credentialSecret, locals.app.config.publicUrl);
	return new Response(JSON.stringify(document), {
		headers: { 'content-type': 'application/did+json', 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' }
	});
};
