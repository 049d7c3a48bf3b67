import type { RequestHandler } from './$types';
import { loadApiDocument } from '$lib/server/openapi/api-routes';

export const GET: RequestHandler = async ({ locals }) => {
	return new Response(JSON.stringify(loadApiDocument(locals.app.config.publicUrl)), {
		headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=60' }
	});
};
