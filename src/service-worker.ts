/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Makes the skill wallet open without a connection (ARCHITECTURE.md, "Skill wallet").
 *
 * Caching rules, and why:
 * - The app shell (this build's scripts and styles, and the static files) is cached at install,
 *   under this version's name, and old versions are deleted on activation.
 * - Only the learner's wallet pages and credential pages (the page, print view, JSON, images and
 *   QR code) are kept, network first: online, a person always sees fresh data (a revocation shows at
 *   once); the copy is only used when the network fails. Nothing else is stored: no API answer, no
 *   account, organisation or admin page, so another person's data cannot be served from here.
 * - Those copies are personal. They are deleted when anyone signs in, signs up or signs out in this
 *   browser (the form posts pass through here), and when a wallet page answers with a redirect (the
 *   session ended): the next person on a shared device never sees the previous one's wallet.
 * - The offline page is fetched without cookies, so the copy kept holds no one's data, in the
 *   language of the last page read (its Content-Language).
 */
import { build, files, version } from '$service-worker';

const worker = self as unknown as ServiceWorkerGlobalScope;
const SHELL = `shell-${version}`;
const PERSONAL = `personal-${version}`;
const OFFLINE_PAGE = '/offline';
const SHELL_FILES = new Set([...build, ...files]);

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const KEPT_OFFLINE = [/^\/wallet(\/(skills|cv))?(\/__data\.json)?$/, new RegExp(`^/credentials/${UUID}(\\.json|\\.png|\\.svg|/print|/qr\\.svg)?(/__data\\.json)?$`)];
// Every form that starts or ends a session, deleting an account included.
const SESSION_CHANGES = new Set(['/login', '/signup', '/logout', '/account/delete']);

async function storeOfflinePage(language: string): Promise<void> {
	const response = await fetch(OFFLINE_PAGE, { credentials: 'omit', headers: { 'accept-language': language } });
	if (response.ok) await (await caches.open(SHELL)).put(OFFLINE_PAGE, response);
}

worker.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			await (await caches.open(SHELL)).addAll([...SHELL_FILES]);
			await storeOfflinePage(navigator.language);
			await worker.skipWaiting();
		})()
	);
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const name of await caches.keys()) if (name !== SHELL && name !== PERSONAL) await caches.delete(name);
			await worker.clients.claim();
		})()
	);
});

/** SvelteKit adds a changing parameter to its data requests; the copy is kept under the address without it. */
function cacheKey(url: URL): string {
	const key = new URL(url);
	key.searchParams.delete('x-sveltekit-invalidated');
	return key.pathname + key.search;
}

/** SvelteKit answers a page's data with 200 and `{"type":"redirect"}` when the page redirects (signed out). */
async function isDataRedirect(url: URL, response: Response): Promise<boolean> {
	if (!url.pathname.endsWith('/__data.json') || !response.ok) return false;
	return (await response.clone().text()).startsWith('{"type":"redirect"');
}

async function networkFirst(request: Request, url: URL): Promise<Response> {
	const personal = await caches.open(PERSONAL);
	try {
		const response = await fetch(request);
		if (response.redirected || response.type === 'opaqueredirect' || (await isDataRedirect(url, response))) {
			// Sent to sign in: whoever these copies belonged to is no longer signed in.
			await caches.delete(PERSONAL);
		} else if (response.ok) {
			await personal.put(cacheKey(url), response.clone());
			const language = response.headers.get('content-language');
			const offline = await (await caches.open(SHELL)).match(OFFLINE_PAGE);
			if (language && offline?.headers.get('content-language') !== language) void storeOfflinePage(language);
		}
		return response;
	} catch (offline) {
		const kept = (await personal.match(cacheKey(url))) ?? (request.mode === 'navigate' ? await personal.match(url.pathname) : undefined);
		if (kept) return kept;
		if (request.mode === 'navigate') return offlinePage(offline);
		throw offline;
	}
}

async function offlinePage(cause: unknown): Promise<Response> {
	const page = await (await caches.open(SHELL)).match(OFFLINE_PAGE);
	if (page) return page;
	throw cause;
}

worker.addEventListener('fetch', (event) => {
	const request = event.request;
	const url = new URL(request.url);
	if (url.origin !== location.origin) return;
	if (request.method !== 'GET') {
		// Forget before the request goes out, so that no page of the new session can find the old copies.
		if (SESSION_CHANGES.has(url.pathname)) event.respondWith(caches.delete(PERSONAL).then(() => fetch(request)));
		return;
	}
	if (url.pathname.startsWith('/api/')) return;
	if (SHELL_FILES.has(url.pathname)) {
		event.respondWith(caches.match(url.pathname).then((kept) => kept ?? fetch(request)));
		return;
	}
	if (KEPT_OFFLINE.some((pattern) => pattern.test(url.pathname))) {
		event.respondWith(networkFirst(request, url));
		return;
	}
	// Any other page: straight to the network, and the offline page when there is none.
	if (request.mode === 'navigate') event.respondWith(fetch(request).catch(offlinePage));
});
