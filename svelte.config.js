import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build', precompress: false }),
		// Pages post forms to themselves; API clients must send JSON (see CONTRIBUTING.md).
		csrf: { trustedOrigins: [] }
	},
	compilerOptions: { runes: true }
};

export default config;
