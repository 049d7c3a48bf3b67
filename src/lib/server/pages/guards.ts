import { redirect } from '@sveltejs/kit';
import type { Actor, SignedInActor } from '../auth/actor';

/** Only same-site paths are followed after sign-in or a language change (no open redirects). */
export function safeRedirectPath(value: unknown, fallback = '/'): string {
	if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
	return value;
}

/** For pages: a visitor is sent to the sign-in page and brought back afterwards. */
export function requireSignedIn(actor: Actor, url: URL): SignedInActor {
	if (actor.kind !== 'user') redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	return actor;
}
