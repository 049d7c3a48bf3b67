import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { getApp, startApp } from '$lib/server/app/runtime';
import { resolveActor } from '$lib/server/auth/resolve-actor';
import { LOCALE_COOKIE, resolveLocale, runWithLocale } from '$lib/server/i18n/request-locale';
import { findCityBySlug } from '$lib/server/cities/queries';
import { errorBody } from '$lib/server/http/errors';
import { VISITOR } from '$lib/server/auth/actor';
import { CONSENT_ROUTE, crossSiteFormRefusal } from '$lib/server/http/csrf';
import { statusInfo } from '$lib/server/ob3api/http';
import { finishHeaders, logRequest, requestIdFrom } from '$lib/server/http/request-log';
import { publicDataChanged } from '$lib/server/http/public-cache';
import { serverBridge } from '$lib/server/http/server-bridge';
import { directLane } from '$lib/server/http/direct-lane';
import { apiRoutes } from '$lib/server/openapi/api-routes';

export const init: ServerInit = async () => {
	const app = await startApp();
	serverBridge.direct = directLane(app, apiRoutes());
};

function jsonResponse(status: number, body: unknown): Response {
	return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const app = await getApp();
	const requestId = requestIdFrom(event.request.headers.get('x-request-id'));
	const logger = app.logger.child({ requestId });
	event.locals.app = app;
	event.locals.logger = logger;
	event.locals.requestId = requestId;
	const path = event.url.pathname;
	const isApi = path.startsWith('/api/');
	// The Open Badges API's resources answer in its own error shape; its consent page is a page. The
	// route, not the path, decides: the router decodes the path (`/auth/%61uthorize` is the consent page).
	const isOb3Api = path.startsWith('/ims/ob/v3p0/') && event.route.id !== CONSENT_ROUTE;
	const refused = crossSiteFormRefusal(event.request, event.url, event.route.id);

	let response: Response;
	try {
		event.locals.actor = path === '/healthz' ? VISITOR : await resolveActor(app, event.request.headers);
		const user = event.locals.actor.kind === 'user' ? event.locals.actor.user : undefined;
		const citySlug = !isApi ? /^\/cities\/([a-z0-9-]+)/.exec(path)?.[1] : undefined;
		const city = citySlug && !user?.locale ? await findCityBySlug(app.db, citySlug) : undefined;
		const locale = resolveLocale({
			userLocale: user?.locale,
			cookieLocale: event.cookies.get(LOCALE_COOKIE),
			cityDefaultLocale: city?.defaultLocale,
			acceptLanguage: event.request.headers.get('accept-language')
		});
		event.locals.locale = locale;
		if (refused) {
			response = refused;
		} else if (isApi && event.route.id === null) {
			response = jsonResponse(404, errorBody('not_found', `No API endpoint at ${event.request.method} ${path}.`));
		} else if (isOb3Api && event.route.id === null) {
			response = statusInfo(404, 'not_found', `No Open Badges API endpoint at ${path}.`);
		} else {
			response = await runWithLocale(locale, () =>
				resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) })
			);
			if (isApi && response.status === 405 && !response.headers.get('content-type')?.includes('json')) {
				response = new Response(
					JSON.stringify(errorBody('method_not_allowed', `${event.request.method} is not allowed on ${path}.`)),
					{ status: 405, headers: { 'content-type': 'application/json', allow: response.headers.get('allow') ?? '' } }
				);
			}
			if (isOb3Api && response.status === 405) {
				response = statusInfo(405, 'not_allowed', `${event.request.method} is not allowed on ${path}.`, { allow: response.headers.get('allow') ?? '' });
			}
		}
	} catch (error) {
		// Reaching here means the request could not even be set up (typically the database is down).
		logger.error({ err: error }, 'request failed before reaching its handler');
		response = isApi || path === '/healthz'
			? jsonResponse(503, errorBody('unavailable', 'The service is temporarily unavailable.'))
			: new Response('The service is temporarily unavailable.', { status: 503 });
	}

	// The service worker keeps its offline page in the language of the pages the person reads.
	if (response.headers.get('content-type')?.startsWith('text/html') && !response.headers.has('content-language')) {
		response.headers.set('content-language', event.locals.locale ?? 'en');
	}
	// A write went through: answers kept for anonymous readers (here and on other instances) are stale.
	// Awaited, so the writer's next read anywhere already sees the new generation.
	if (!SAFE_METHODS.has(event.request.method) && response.status < 400) await publicDataChanged().catch((error: unknown) => logger.error({ err: error }, 'moving the public cache generation failed'));
	finishHeaders(response.headers, app, requestId, event.locals.formActionOrigins);
	logRequest(logger, { method: event.request.method, path, params: event.params, status: response.status, started });
	return response;
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const requestId = event.locals.requestId;
	if (status >= 500) event.locals.logger?.error({ err: error }, 'unexpected error while rendering a page');
	return { message: status >= 500 ? 'Internal error' : message, requestId };
};
