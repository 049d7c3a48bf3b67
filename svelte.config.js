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
		csrf: { trustedOrigins: ['*'] }
	},
	compilerOptions: { runes: true }
};

export default config;
