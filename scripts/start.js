// `npm start`: builds the app when the build is missing or older than the sources, creates an empty
// embedded database in a short-lived child process (PGlite's first initialisation holds ~800 MB for
// the life of the process that runs it), then serves in this process. Plain JavaScript, so that the
// server runs without a TypeScript loader (which alone costs ~180 MB of memory).
import { spawnSync } from 'node:child_process';
import cluster from 'node:cluster';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serverProcesses, StartError, superviseServerProcesses } from './processes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
// Settings may come from a .env file beside package.json; real environment variables win.
if (fs.existsSync('.env')) process.loadEnvFile('.env');

/** @param {string} entry */
function newestMtime(entry) {
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

function buildIsStale() {
	const handler = path.join(root, 'build', 'handler.js');
	if (!fs.existsSync(handler)) return true;
	const inputs = ['src', 'messages', 'static', 'package-lock.json', 'svelte.config.js', 'vite.config.ts', 'project.inlang/settings.json'];
	return Math.max(...inputs.map((input) => newestMtime(path.join(root, input)))) > fs.statSync(handler).mtimeMs;
}

/**
 * @param {string[]} args
 * @param {string} what
 */
function run(args, what) {
	const result = spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env });
	if (result.status !== 0) {
		if (what) console.error(`${what} failed.`);
		process.exit(result.status ?? 1);
	}
}
const cli = (/** @type {string[]} */ ...args) => run(['--import', 'tsx', path.join(root, 'src', 'cli', 'main.ts'), ...args], '');

/** @type {number} */
let processes;
try {
	processes = serverProcesses(process.env);
} catch (error) {
	if (!(error instanceof StartError)) throw error;
	console.error(error.message);
	process.exit(1);
}

// With several server processes, this one builds and supervises; the others (forked from this script) serve.
if (cluster.isPrimary && process.env.SKIP_BUILD !== '1' && buildIsStale()) {
	cli('check-config'); // a typo in the environment should not cost a build first
	console.log('Building the app (first start, or the sources changed)...');
	run([path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], 'The build');
}

const dataDir = process.env.DATA_DIR?.trim() || './data';
if (cluster.isPrimary && !process.env.DATABASE_URL?.trim() && dataDir !== ':memory:' && !fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))) {
	console.log(`Creating the embedded database in ${path.resolve(dataDir)} (first start only)...`);
	cli('migrate', '--quiet');
}

// adapter-node reads these: the origin it trusts for form posts, and the largest body it accepts
// (endpoints set tighter limits of their own).
const publicUrl = process.env.PUBLIC_URL?.trim();
if (publicUrl && !process.env.ORIGIN) process.env.ORIGIN = publicUrl.replace(/\/+$/, '');
process.env.BODY_SIZE_LIMIT ??= '16M';

if (cluster.isPrimary && processes > 1) superviseServerProcesses(processes);
else await import(pathToFileURL(path.join(root, 'server.js')).href);
