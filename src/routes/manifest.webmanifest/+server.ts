import type { RequestHandler } from './$types';
import { webAppManifest } from '$lib/server/pwa/manifest';
import { m } from '$lib/paraglide/messages';

export const GET: RequestHandler = ({ locals }) =>
	new Response(JSON.stringify(webAppManifest(locals.locale, { name: m.site_name(), description: m.pwa_description() })), {
		headers: { 'content-type': 'application/manifest+json; charset=utf-8', 'cache-control': 'no-cache' }
	});
