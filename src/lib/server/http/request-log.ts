import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app/context';
import type { Logger } from '../logging/logger';
import { applySecurityHeaders, originOf, type HeaderAccess } from './security-headers';

/**
 * What every answer shares, whichever lane served it (SvelteKit through hooks.server.ts, or server.js's
 * direct lane): the request id, the security headers and the request's log line.
 */

const REQUEST_ID = /^[\w.-]{8,100}$/;

/** The caller's X-Request-Id when it is a sensible one (it ties their logs to ours), else a new one. */
export function requestIdFrom(incoming: string | null | undefined): string {
	return incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** The map tile server's origin, read from the configured URL once rather than on every answer. */
let tileOrigin: { url: string; img: string[] } | undefined;
function tileImageSources(url: string): string[] {
	if (tileOrigin?.url !== url) {
		const origin = originOf(url);
		tileOrigin = { url, img: origin ? [origin] : [] };
	}
	return tileOrigin.img;
}

export function finishHeaders(headers: HeaderAccess, app: AppContext, requestId: string, formActionOrigins: string[] = []): void {
	headers.set('x-request-id', requestId);
	applySecurityHeaders(headers, {
		https: app.config.publicUrl.startsWith('https:'),
		sources: { img: tileImageSources(app.config.map.tileUrl), formAction: formActionOrigins }
	});
}

/**
 * The path as the request log shows it: secrets some addresses carry (an invitation's token, a
 * calendar feed's token) are masked, so that whoever reads the logs cannot use them.
 */
const SECRET_PARAMS = ['token'];
function loggedPath(path: string, params: Partial<Record<string, string>>): string {
	let shown = path;
	for (const name of SECRET_PARAMS) {
		const value = params[name];
		if (value) shown = shown.replace(encodeURIComponent(value), '[redacted]').replace(value, '[redacted]');
	}
	return shown;
}

export function logRequest(
	logger: Logger,
	request: { method: string; path: string; params: Partial<Record<string, string>>; status: number; started: number; lane?: 'direct' }
): void {
	logger.info(
		{
			method: request.method,
			path: loggedPath(request.path, request.params),
			status: request.status,
			ms: Math.round(performance.now() - request.started),
			...(request.lane ? { lane: request.lane } : {})
		},
		'request'
	);
}
