import { dev } from '$app/environment';
import { AppError, errorStatus } from './errors';
import { jsonError } from './endpoint';

/**
 * Refuses form submissions from other sites, as SvelteKit's own check does (it is switched off in
 * svelte.config.js), except on the Open Badges API, which is meant to receive them: apps post token
 * and revocation requests as forms, and credentials as text/plain, from their own servers and pages,
 * authenticated by a client secret or a Bearer token rather than a cookie, so no cross-site request
 * forgery is possible there. Its consent page is signed in by cookie and stays protected.
 */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const UNSAFE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];
export const CONSENT_ROUTE = '/ims/ob/v3p0/auth/authorize';
/**
 * The routes apps post to from anywhere, by route id: the router decodes the path, so a check on the
 * raw path could be passed with an encoded one (`/auth/%61uthorize`) to reach the consent page.
 */
const TAKES_FORMS_FROM_ANYWHERE = new Set(['/ims/ob/v3p0/auth/token', '/ims/ob/v3p0/auth/revoke', '/ims/ob/v3p0/auth/register', '/ims/ob/v3p0/credentials', '/ims/ob/v3p0/profile']);

export function crossSiteFormRefusal(request: Request, url: URL, routeId: string | null): Response | undefined {
	if (dev || !UNSAFE_METHODS.includes(request.method)) return undefined;
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (!FORM_TYPES.includes(type) || request.headers.get('origin') === url.origin) return undefined;
	if (routeId !== null && TAKES_FORMS_FROM_ANYWHERE.has(routeId)) return undefined;
	const message = `Cross-site ${request.method} form submissions are forbidden.`;
	// API clients read the one error shape; a person's browser gets the sentence.
	const wantsJson = url.pathname.startsWith('/api/') || (request.headers.get('accept') ?? '').includes('application/json');
	if (wantsJson) return jsonError(new AppError('cross_site_request', message));
	return new Response(message, { status: errorStatus.cross_site_request, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
