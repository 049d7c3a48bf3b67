// The production HTTP server: SvelteKit's request handler (build/handler.js) behind a small shared
// response cache for public API reads, with graceful shutdown. `npm start` runs it after the build;
// it is plain JavaScript so that nothing is compiled on the hot path.
import { randomUUID } from 'node:crypto';
import http from 'node:http';

/**
 * Shared with the app (src/lib/server/http/server-bridge.ts): `clear` is ours; on PostgreSQL the app
 * adds `current`, the cache generation every instance shares; `direct` is the app's direct lane.
 * @type {{ clear?: () => void, current?: () => Promise<number>, direct?: (request: http.IncomingMessage, response: http.ServerResponse) => boolean }}
 */
const bridge = /** @type {any} */ (globalThis)[Symbol.for('cities-of-learning.public-cache')] ??= {};
/** @type {(request: http.IncomingMessage, response: http.ServerResponse, next: () => void) => void} */
let handler;
try {
	// Importing the handler starts the app: configuration, database, migrations (hooks.server.ts init).
	// (A variable specifier keeps the type checker out of the generated build.)
	const built = './build/handler.js';
	({ handler } = await import(built));
} catch (error) {
	// Problems an operator can fix get their message alone; anything else keeps its stack trace.
	const name = /** @type {Error | undefined} */ (error)?.name;
	if (name === 'DataDirLockedError' || name === 'ConfigError') {
		console.error(/** @type {Error} */ (error).message);
		process.exit(1);
	}
	throw error;
}

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Public API answers that declare `Cache-Control: public, max-age=N` are kept for N seconds and served
 * without entering the framework. Only anonymous GETs (no Authorization header, no session cookie, no
 * `Cache-Control: no-cache` from the client) use or fill the cache, and every successful write through
 * this process empties it (so does a finished background job). With several instances (PostgreSQL),
 * each kept answer also carries the shared generation it was made under, read from the database before
 * the answer is served or made: a write on another instance moves it on, so no instance serves an
 * answer older than the last write anywhere. That read is one tiny query per cacheable request.
 */
const MAX_ENTRIES = 2_000;
const MAX_BODY_BYTES = 256 * 1024;
/** @type {Map<string, { headers: string[], body: Buffer, expires: number, stored: number, shared: number }>} */
const cache = new Map();
let generation = 0;
/** Request ids of cached answers: this process's id and a counter (no randomness on the hot path). */
const BOOT_ID = randomUUID().slice(0, 8);
let hits = 0;
bridge.clear = () => {
	generation++;
	cache.clear();
};

/**
 * Pages for anonymous visitors may be kept too, when the app marks them with the internal header
 * `x-shared-cache: N` (N seconds), which never leaves this server: browsers do not cache them, so a
 * visitor who signs in sees their own page at once. A kept page is served with the CSP nonce it was
 * rendered with; that is safe because it is served only as the same bytes it was rendered into, and
 * any write (which could change its content) drops it, so a new rendering gets a new nonce.
 */
const SHARED_CACHE_HEADER = 'x-shared-cache';

/** Anonymous pages differ by language: the key carries what decides it (Accept-Language, the language cookie). */
/** @param {http.IncomingMessage} request */
function cacheKey(request) {
	return `${request.url ?? ''}\n${request.headers['accept-language'] ?? ''}\n${request.headers.cookie ?? ''}`;
}

/** @param {http.IncomingMessage} request */
function isCacheableRequest(request) {
	return (
		(request.method === 'GET' || request.method === 'HEAD') &&
		// API answers and pages; files (built assets, icons, the manifest) are never kept, so they pay
		// neither the capture nor, on PostgreSQL, the generation read.
		(request.url?.startsWith('/api/v1/') === true || !/\.[a-z0-9]+(\?|$)/i.test(request.url ?? '')) &&
		!request.headers.authorization &&
		!/col\.session_token/.test(request.headers.cookie ?? '') &&
		!/no-cache|no-store/.test(request.headers['cache-control'] ?? '')
	);
}

/** @param {string | string[] | number | undefined} value */
function maxAgeOf(value) {
	const text = String(value ?? '');
	if (!/\bpublic\b/.test(text)) return 0;
	return Number(/max-age=(\d+)/.exec(text)?.[1] ?? 0);
}

/**
 * @param {http.IncomingMessage} request
 * @param {http.ServerResponse} response
 * @param {number} shared the shared generation now (0 on a single instance)
 */
function serveFromCache(request, response, shared) {
	const key = cacheKey(request);
	const entry = cache.get(key);
	if (!entry) return false;
	if (entry.expires <= Date.now() || entry.shared !== shared) {
		cache.delete(key);
		return false;
	}
	// Headers as a flat list, prepared when the entry was stored: the cheapest form for writeHead.
	const headers = entry.headers.slice();
	headers.push('age', String(Math.floor((Date.now() - entry.stored) / 1000)), 'x-request-id', `${BOOT_ID}-${++hits}`);
	response.writeHead(200, headers);
	response.end(request.method === 'HEAD' ? undefined : entry.body);
	return true;
}

/**
 * Captures what the handler writes so that a cacheable answer can be kept.
 * @param {http.IncomingMessage} request
 * @param {http.ServerResponse} response
 * @param {number} shared the shared generation read before the handler ran
 */
function recordInto(request, response, shared) {
	const startedAt = generation;
	/** @type {Buffer[]} */
	const chunks = [];
	let size = 0;
	const write = response.write.bind(response);
	const end = response.end.bind(response);
	const setHeader = response.setHeader.bind(response);
	let sharedSeconds = 0;
	// The app's internal mark for pages that may be kept (see SHARED_CACHE_HEADER): read, never sent.
	response.setHeader = /** @type {typeof response.setHeader} */ ((name, value) => {
		if (String(name).toLowerCase() === SHARED_CACHE_HEADER) {
			sharedSeconds = Number(value) || 0;
			return response;
		}
		return setHeader(name, value);
	});
	/** @param {unknown} chunk */
	const keep = (chunk) => {
		if (chunk === undefined || chunk === null || typeof chunk === 'function' || size > MAX_BODY_BYTES) return;
		const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(/** @type {string | Uint8Array} */ (chunk));
		size += buffer.length;
		chunks.push(buffer);
	};
	response.write = /** @type {typeof response.write} */ ((chunk, ...rest) => {
		keep(chunk);
		return write(chunk, .../** @type {[any]} */ (rest));
	});
	response.end = /** @type {typeof response.end} */ ((chunk, ...rest) => {
		keep(chunk);
		return end(chunk, .../** @type {[any]} */ (rest));
	});
	response.once('finish', () => {
		// API answers say so in Cache-Control; pages only by the app's internal mark (never static files,
		// whose year-long Cache-Control is for browsers, not for this memory).
		const maxAge = request.url?.startsWith('/api/v1/') ? maxAgeOf(response.getHeader('cache-control')) : sharedSeconds;
		const vary = String(response.getHeader('vary') ?? '');
		if (response.statusCode !== 200 || maxAge <= 0 || size > MAX_BODY_BYTES || (vary && vary !== 'Accept-Encoding')) return;
		// An answer that sets a cookie is this visitor's alone.
		if (response.hasHeader('set-cookie')) return;
		if (generation !== startedAt || request.method !== 'GET') return; // a write happened meanwhile
		const body = Buffer.concat(chunks);
		/** @type {string[]} */
		const headers = ['x-cache', 'hit', 'content-length', String(body.length)];
		for (const [name, value] of Object.entries(response.getHeaders())) {
			if (value === undefined || ['set-cookie', 'x-request-id', 'date', 'content-length', 'transfer-encoding'].includes(name)) continue;
			for (const item of Array.isArray(value) ? value : [value]) headers.push(name, String(item));
		}
		if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value ?? '');
		cache.set(cacheKey(request), { headers, body, expires: Date.now() + maxAge * 1000, stored: Date.now(), shared });
	});
}

const server = http.createServer((request, response) => {
	if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS') {
		response.once('finish', () => {
			if (response.statusCode < 400) {
				generation++;
				cache.clear();
			}
		});
	} else if (isCacheableRequest(request)) {
		if (bridge.current) {
			bridge.current().then(
				(shared) => {
					if (serveFromCache(request, response, shared)) return;
					recordInto(request, response, shared);
					handle(request, response);
				},
				// The database did not answer: no cache for this request.
				() => handle(request, response)
			);
			return;
		}
		if (serveFromCache(request, response, 0)) return;
		recordInto(request, response, 0);
	}
	handle(request, response);
});

/**
 * @param {http.IncomingMessage} request
 * @param {http.ServerResponse} response
 */
function handle(request, response) {
	// The app's direct lane answers its busiest public reads without SvelteKit (src/lib/server/http/direct-lane.ts).
	// Should it ever throw, SvelteKit answers instead (here a throw could end the process: on PostgreSQL
	// this runs in a promise callback).
	try {
		if (bridge.direct?.(request, response)) return;
	} catch (error) {
		console.error('The direct lane failed; SvelteKit answers instead.', error);
	}
	handler(request, response, () => {
		response.writeHead(404).end('Not found');
	});
}

/**
 * Requests Node's parser refuses before any handler sees them (headers or URL too large, malformed
 * HTTP) are answered in the API's error shape rather than Node's empty default, so clients get one
 * kind of error whatever they did wrong.
 */
const PARSER_REFUSALS = /** @type {Record<string, [number, string, string]>} */ ({
	HPE_HEADER_OVERFLOW: [431, 'headers_too_large', 'The address or headers of the request are too large.']
});
server.on('clientError', (/** @type {NodeJS.ErrnoException} */ error, socket) => {
	if (!socket.writable || /** @type {{ _httpMessage?: unknown }} */ (socket)._httpMessage) {
		socket.destroy();
		return;
	}
	const [status, code, message] = PARSER_REFUSALS[error.code ?? ''] ?? [400, 'bad_request', 'The request could not be read.'];
	const body = JSON.stringify({ error: { code, message } });
	socket.end(
		`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
	);
});

server.listen(port, host, () => {
	const address = server.address();
	const shown = typeof address === 'object' && address ? `${address.address}:${address.port}` : String(address);
	console.log(`Listening on ${shown}`);
});

let stopping = false;
/** @param {string} signal */
function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	console.log(`${signal} received: finishing open requests, then stopping.`);
	server.close(() => {
		// @ts-expect-error SvelteKit's adapter-node event, which closes the database.
		process.emit('sveltekit:shutdown', signal);
		// One of several server processes (scripts/processes.js) keeps a channel to its supervisor open:
		// letting go of it lets this process end once its database connections are closed.
		if (process.connected) process.disconnect();
	});
	server.closeIdleConnections();
	setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
