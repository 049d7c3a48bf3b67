import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../app/context';
import { VISITOR } from '../auth/actor';
import { mayBeSignedIn } from '../auth/resolve-actor';
import { LOCALE_COOKIE, resolveLocale, runWithLocale } from '../i18n/request-locale';
import type { RouteModule } from '../openapi/document';
import { AppError } from './errors';
import { errorAnswer, type Answer, type DocumentedHandler } from './endpoint';
import { finishHeaders, logRequest, requestIdFrom } from './request-log';

/**
 * The direct lane: server.js hands each request to `serve` first, and the busiest public reads
 * (endpoints declared `direct`, such as the activity search) are answered for anonymous visitors
 * without building SvelteKit's Request, RequestEvent and Response (measured on the search: about 10%
 * more answers per second from the same two cores, and a seventh of the server's CPU).
 *
 * Everything an answer carries comes from the code the SvelteKit lane runs: the endpoint's own
 * validation and handler (endpoint.ts), the request id, security headers and log line (request-log.ts),
 * and the language rule (request-locale.ts). Anything else (a signed-in person, HEAD, a path with
 * parameters or odd spelling) returns false and goes through SvelteKit as before.
 */
export type DirectLane = (request: IncomingMessage, response: ServerResponse) => boolean;

const COOKIE_LOCALE = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`);

/**
 * The language cookie's value, read as SvelteKit's cookie parser reads it: quotes dropped, decoded,
 * and the first of two same-named cookies wins (better-auth's parseCookies keeps the last one).
 */
function cookieLocale(cookie: string | undefined): string | undefined {
	const raw = cookie ? COOKIE_LOCALE.exec(cookie)?.[1]?.trim() : undefined;
	if (raw === undefined) return undefined;
	try {
		return decodeURIComponent(raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw);
	} catch {
		return undefined;
	}
}

/** The direct endpoints of the API, by path: GET handlers declared `direct` on paths without parameters. */
export function directEndpoints(routes: RouteModule[]): Map<string, NonNullable<DocumentedHandler['direct']>> {
	const table = new Map<string, NonNullable<DocumentedHandler['direct']>>();
	for (const route of routes) {
		const direct = route.handlers.GET?.direct;
		if (!direct) continue;
		if (route.path.includes('{')) throw new Error(`${route.path}: direct endpoints cannot have path parameters.`);
		table.set(route.path, direct);
	}
	return table;
}

export function directLane(app: AppContext, routes: RouteModule[]): DirectLane {
	const endpoints = directEndpoints(routes);
	return (request, response) => {
		if (request.method !== 'GET') return false;
		// A fragment is never part of the address the server answers (as for SvelteKit's URL).
		const url = (request.url ?? '').split('#', 1)[0]!;
		const mark = url.indexOf('?');
		const path = mark === -1 ? url : url.slice(0, mark);
		const direct = endpoints.get(path);
		if (!direct || mayBeSignedIn(request.headers.authorization, request.headers.cookie)) return false;

		const started = performance.now();
		const requestId = requestIdFrom(request.headers['x-request-id'] as string | undefined);
		const logger = app.logger.child({ requestId });
		const locale = resolveLocale({ cookieLocale: cookieLocale(request.headers.cookie), acceptLanguage: request.headers['accept-language'] });
		// With its "?": URLSearchParams drops exactly one, as URL does (`??q=x` names the key "?q").
		const searchParams = new URLSearchParams(mark === -1 ? '' : url.slice(mark));
		// Within the request's language, as hooks.server.ts runs SvelteKit's lane: translated messages
		// and formatting in a handler read it from there.
		runWithLocale(locale, () => direct({ app, actor: VISITOR, logger, locale, searchParams }))
			.catch((error: unknown): Answer => {
				// The endpoint answers its own errors; reaching here means something below it failed.
				logger.error({ err: error }, 'request failed in the direct lane');
				return errorAnswer(new AppError('unavailable', 'The service is temporarily unavailable.'));
			})
			.then((answer) => {
				finishHeaders(answer.headers, app, requestId);
				response.statusCode = answer.status;
				// setHeader (not writeHead's list), so that server.js's response cache sees the headers.
				for (const [name, value] of answer.headers) response.setHeader(name, value);
				response.end(answer.body);
				logRequest(logger, { method: 'GET', path, params: {}, status: answer.status, started, lane: 'direct' });
			})
			.catch((error: unknown) => {
				// Writing failed (the answer cannot be sent): never an unhandled rejection, which would stop the process.
				logger.error({ err: error }, 'writing an answer failed in the direct lane');
				response.destroy();
			});
		return true;
	};
}
