/**
 * `npm start`: validates the configuration, builds the app when the build is missing or older than the
 * sources, initialises an empty embedded database in a short-lived child process (PGlite's first
 * initialisation holds ~800 MB for the life of the process that runs it), then serves.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type Config } from '../src/lib/server/config/config';
import { isFreshPgliteDir } from '../src/lib/server/db/database';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);

function fail(message: string): never {
	console.error(message);
	process.exit(1);
}

function newestMtime(entry: string): number {
	if (!fs.existsSync(entry)) return 0;
	const stat = fs.statSync(entry);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const child of fs.readdirSync(entry)) {
		if (child === 'paraglide' || child.startsWith('.')) continue;
		newest = Math.max(newest, newestMtime(path.join(entry, child)));
	}
	return newest;
}

function buildIsStale(): boolean {
	const handler = path.join(root, 'build', 'handler.js');
	if (!fs.existsSync(handler)) return true;
	const inputs = ['src', 'messages', 'static', 'package-lock.json', 'svelte.config.js', 'vite.config.ts', 'project.inlang/settings.json'];
	return Math.max(...inputs.map((input) => newestMtime(path.join(root, input)))) > fs.statSync(handler).mtimeMs;
}

function run(command: string, args: string[], what: string): void {
	const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
	if (result.status !== 0) fail(`${what} failed (exit code ${result.status ?? result.signal}).`);
}

let config: Config;
try {
	config = loadConfig();
} catch (error) {
	if (error instanceof ConfigError) fail(`${error.message}\nSee "Configuration" in README.md.`);
	throw error;
}

if (process.env.SKIP_BUILD !== '1' && buildIsStale()) {
	console.log('Building the app (first start, or the sources changed)...');
	run(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], 'The build');
}

if (!config.databaseUrl && config.dataDir && isFreshPgliteDir(config.dataDir)) {
	console.log(`Creating the embedded database in ${config.dataDir} (first start only)...`);
	run(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'cli', 'main.ts'), 'migrate', '--quiet'], 'Creating the database');
}

// adapter-node reads these: the origin it trusts for form posts, and the largest body it accepts
// (endpoints set tighter limits of their own).
if (config.publicUrlConfigured) process.env.ORIGIN ??= config.publicUrl;
process.env.BODY_SIZE_LIMIT ??= '16M';
process.env.PORT = String(config.port);
process.env.HOST = config.host;

try {
	await import(pathToFileURL(path.join(root, 'build', 'index.js')).href);
} catch (error) {
	// Problems an operator can fix get their message alone; anything else keeps its stack trace.
	const name = (error as Error | undefined)?.name;
	if (name === 'DataDirLockedError' || name === 'ConfigError') fail((error as Error).message);
	throw error;
}
