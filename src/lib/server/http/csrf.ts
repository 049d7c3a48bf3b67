import { dev } from '$app/environment';

/**
 * Refuses form submissions from other sites, as SvelteKit's own check does (it is switched off in
 * svelte.config.js), except on the Open Badges API, which is meant to receive them: apps post token
 * and revocation requests as forms, and credentials as text/plain, from their own servers and pages,
 * authenticated by a client secret or a Bearer token rather than a cookie, so no cross-site request
 * forgery is possible there. Its consent page is signed in by cookie and stays protected.
 */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const UNSAFE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];
const takesFormsFromAnywhere = (path: string) => path.startsWith('/ims/ob/v3p0/') && path !== '/ims/ob/v3p0/auth/authorize';

export function crossSiteFormRefusal(request: Request, url: URL): Response | undefined {
	if (dev || !UNSAFE_METHODS.includes(request.method)) return undefined;
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (!FORM_TYPES.includes(type) || request.headers.get('origin') === url.origin) return undefined;
	if (takesFormsFromAnywhere(url.pathname)) return undefined;
	const message = `Cross-site ${request.method} form submissions are forbidden`;
	if (request.headers.get('accept') === 'application/json') return new Response(JSON.stringify({ message }), { status: 403, headers: { 'content-type': 'application/json' } });
	return new Response(message, { status: 403 });
}
