import type { RequestHandler } from './$types';
import { authorizationServerMetadata } from '$lib/server/ob3api/discovery';
import { CORS_HEADERS } from '$lib/server/ob3api/http';

export const GET: RequestHandler = ({ locals }) =>
	new Response(JSON.stringify(authorizationServerMetadata(locals.app.config)), { headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300', ...CORS_HEADERS } });
