import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';

// `npm run dev` serves on Vite's port: links in e-mails and the setup link must point there.
if (process.argv.includes('dev') && !process.env.VITEST) process.env.PUBLIC_URL ??= 'http://localhost:5173';

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// The locale is resolved per request on the server (src/lib/server/i18n) and read from
			// <html lang> in the browser, so Paraglide's own strategies are only a fallback.
			strategy: ['globalVariable', 'baseLocale'],
			emitGitIgnore: true
		}),
		sveltekit()
	],
	server: { port: 5173 },
	// The build's own timing report is noise in npm start and CI logs.
	build: { rolldownOptions: { checks: { bundlerTimings: false } } },
	// better-auth ships Svelte bindings, so the Svelte plugin would bundle it (and kysely with it) into
	// the server build; it is a runtime dependency and loads fine from node_modules.
	ssr: { external: ['better-auth', '@better-auth/core', '@better-auth/drizzle-adapter', 'kysely'] },
	test: {
		include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
		pool: 'forks',
		// Integration suites each start a server process; two at a time suits a 2-core machine.
		maxWorkers: 2,
		testTimeout: 60_000,
		hookTimeout: 120_000,
		// expect.poll gives up after one second by default: too short for a page under the full suite's load.
		expect: { poll: { timeout: 15_000, interval: 100 } },
		reporters: ['default']
	}
});
