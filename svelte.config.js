import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build', precompress: false }),
		// Cross-site form posts are refused in hooks.server.ts (src/lib/server/http/csrf.ts) instead, so
		// that OAuth's token and revocation endpoints, which take forms from other sites by design, can
		// be let through.
		csrf: { trustedOrigins: ['*'] },
		// The Content Security Policy of every page. SvelteKit adds a fresh nonce for its inline
		// hydration script (and hashes on prerendered pages), so no script runs that we did not ship:
		// no 'unsafe-inline', no 'unsafe-eval'. Components keep their styles in the built CSS files and
		// set no style attributes; Leaflet positions the map through the CSSOM, which the policy allows.
		// hooks.server.ts adds what is known only at run time: the map tile server (img-src) and, on the
		// OAuth consent page, the app's registered return address (form-action: the no-JavaScript form
		// post is answered by a redirect there), and sends Strict-Transport-Security over https.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				// One exception, by hash: SvelteKit's own route announcer (a visually hidden live region it
				// adds on the first client-side navigation) carries a style attribute. 'unsafe-hashes'
				// allows exactly that attribute value and no other. The browser tests fail on any refusal,
				// so a SvelteKit upgrade that changes it shows up at once.
				'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
				// data: for images embedded in the pages' own SVG (badge images carry their PNG that way).
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	},
	compilerOptions: { runes: true }
};

export default config;
