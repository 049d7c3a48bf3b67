/**
 * Security headers on every answer. Pages get their Content Security Policy from SvelteKit (`kit.csp`
 * in svelte.config.js, which puts a fresh nonce on its own inline hydration script); this module adds
 * what is only known at run time (the map tile server, the address the consent page returns to) and
 * gives every other answer (JSON, files, feeds) a policy that allows nothing to run.
 */
const COMMON: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin',
	'x-frame-options': 'DENY',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(self)'
};

/**
 * For answers that are not pages: nothing in them may run or be framed. Images and inline styles stay
 * allowed so that a badge's SVG (whose PNG is embedded as a data: URL) still shows when opened alone.
 */
const NOTHING_RUNS = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Two years, as the HSTS preload list asks; only ever sent when the site is served over https. */
const HSTS = 'max-age=63072000; includeSubDomains';

export interface RuntimeSources {
	/** Origins pages may load images from besides their own (the map tile server). */
	img?: string[];
	/** Origins a form on this page may lead to (where the consent page sends the learner back). */
	formAction?: string[];
}

/** The origin of an http(s) URL, or undefined (a template such as `https://{s}.tile.org/{z}` works too). */
export function originOf(url: string): string | undefined {
	const match = /^(https?:\/\/[^/?#]+)/i.exec(url.trim());
	if (!match) return undefined;
	try {
		const origin = new URL(match[1]!.replace(/\{s\}/g, 'a')).origin;
		// A tile template's subdomain placeholder stays a wildcard, as tile servers rotate a/b/c.
		return match[1]!.includes('{s}') ? origin.replace('://a.', '://*.') : origin;
	} catch {
		return undefined;
	}
}

/** Adds sources to directives of a policy SvelteKit wrote ("a b; c d"), leaving the rest alone. */
export function extendPolicy(policy: string, additions: Record<string, string[]>): string {
	return policy
		.split(';')
		.map((part) => part.trim())
		.filter(Boolean)
		.map((part) => {
			const [name] = part.split(/\s+/, 1);
			const extra = (additions[name!] ?? []).filter((source) => !part.split(/\s+/).includes(source));
			return extra.length > 0 ? `${part} ${extra.join(' ')}` : part;
		})
		.join('; ');
}

/** A Response's headers, or the headers of an answer being written. */
export type HeaderAccess = Pick<Headers, 'has' | 'get' | 'set'>;

export function applySecurityHeaders(headers: HeaderAccess, options: { https: boolean; sources: RuntimeSources }): void {
	for (const [name, value] of Object.entries(COMMON)) {
		if (!headers.has(name)) headers.set(name, value);
	}
	const policy = headers.get('content-security-policy');
	if (policy) {
		headers.set('content-security-policy', extendPolicy(policy, { 'img-src': options.sources.img ?? [], 'form-action': options.sources.formAction ?? [] }));
	} else {
		headers.set('content-security-policy', NOTHING_RUNS);
	}
	if (options.https && !headers.has('strict-transport-security')) headers.set('strict-transport-security', HSTS);
}
