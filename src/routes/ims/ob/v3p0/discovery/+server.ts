import type { RequestHandler } from './$types';
import { serviceDescription } from '$lib/server/ob3api/discovery';
import { CORS_HEADERS, preflight } from '$lib/server/ob3api/http';

/** Open to everyone (specification section 6.3); it changes only with the configuration. */
export const GET: RequestHandler = ({ locals }) =>
	new Response(JSON.stringify(serviceDescription(locals.app.config)), { headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300', ...CORS_HEADERS } });

export const OPTIONS: RequestHandler = () => preflight('GET');
