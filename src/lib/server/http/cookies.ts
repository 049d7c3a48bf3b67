import type { Cookies } from '@sveltejs/kit';
import { parseSetCookieHeader } from 'better-auth/cookies';

/** Copies better-auth's Set-Cookie headers onto an API answer. */
export function forwardSetCookies(from: Headers, to: Headers): void {
	for (const cookie of from.getSetCookie()) to.append('set-cookie', cookie);
}

/** Applies better-auth's Set-Cookie headers through SvelteKit's cookie API (pages and form actions). */
export function applySetCookies(from: Headers, cookies: Cookies): void {
	for (const header of from.getSetCookie()) {
		for (const [name, attributes] of parseSetCookieHeader(header)) {
			const maxAge = attributes['max-age'] === undefined ? undefined : Number(attributes['max-age']);
			cookies.set(name, decodeURIComponent(attributes.value), {
				path: attributes.path ?? '/',
				httpOnly: attributes.httponly ?? true,
				secure: attributes.secure ?? false,
				sameSite: (attributes.samesite?.toLowerCase() as 'lax' | 'strict' | 'none' | undefined) ?? 'lax',
				...(maxAge !== undefined && Number.isFinite(maxAge) ? { maxAge } : {}),
				...(attributes.expires ? { expires: new Date(attributes.expires) } : {})
			});
		}
	}
}
