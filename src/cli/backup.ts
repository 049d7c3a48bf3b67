import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import * as tar from 'tar';
import type { Config } from '../lib/server/config/config';
import { acquireDataDirLock } from '../lib/server/db/data-dir-lock';
import { createFileStore } from '../lib/server/files/store';

/**
 * Backups hold everything a platform needs to come back on another machine: the database (PGlite's
 * data directory as a gzipped tarball, taken while holding the data-directory lock, so the server must
 * be stopped; or a PostgreSQL server's pg_dump in its custom format), the uploaded files when they are
 * on disk, and the key file that seals the issuers' signing keys (without it, restored issuers could
 * not sign). All in one gzipped tar with a manifest. Restoring also reads the database-only files that
 * earlier versions wrote.
 */
const FORMAT = 'cities-of-learning-backup';
const KEY_FILE = 'credential-secret.key';

interface Manifest {
	format: typeof FORMAT;
	version: 1;
	engine: 'pglite' | 'postgresql';
	createdAt: string;
	files: number;
	credentialKey: boolean;
}

const databasePart = (engine: Manifest['engine']) => path.join('database', engine === 'pglite' ? 'pglite.tar.gz' : 'postgresql.dump');

export async function backup(config: Config, file: string, options: { withoutKey?: boolean } = {}): Promise<Manifest> {
	const target = path.resolve(file);
	const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'col-backup-'));
	const release = config.databaseUrl ? () => {} : acquireDataDirLock(requireDataDir(config));
	try {
		const engine = config.databaseUrl ? 'postgresql' : 'pglite';
		fs.mkdirSync(path.join(staging, 'database'));
		const databaseFile = path.join(staging, databasePart(engine));
		if (config.databaseUrl) runPgTool('pg_dump', ['--format=custom', '--no-owner', `--file=${databaseFile}`, config.databaseUrl]);
		else fs.writeFileSync(databaseFile, await dumpPglite(requireDataDir(config)));

		const parts = ['manifest.json', 'database'];
		const keyFile = config.dataDir && !config.credentialSecret ? path.join(config.dataDir, KEY_FILE) : undefined;
		const withKey = !options.withoutKey && keyFile !== undefined && fs.existsSync(keyFile);
		if (withKey) {
			fs.copyFileSync(keyFile, path.join(staging, KEY_FILE));
			parts.push(KEY_FILE);
		}
		// Files in a bucket are the storage's to keep (versioning, replication); files on disk come along.
		const files = config.s3 ? [] : listFiles(config.filesDir);
		if (files.length) {
			fs.symlinkSync(config.filesDir, path.join(staging, 'files'));
			parts.push('files');
		}
		const manifest: Manifest = { format: FORMAT, version: 1, engine, createdAt: new Date().toISOString(), files: files.length, credentialKey: withKey };
		fs.writeFileSync(path.join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2));
		// Written aside and renamed: an interrupted backup never looks like a complete one.
		const partial = `${target}.partial`;
		await tar.c({ gzip: true, file: partial, cwd: staging, follow: true, portable: true }, parts);
		fs.renameSync(partial, target);
		return manifest;
	} finally {
		release();
		fs.rmSync(staging, { recursive: true, force: true });
	}
}

export async function restore(config: Config, file: string, force: boolean): Promise<void> {
	const source = path.resolve(file);
	if (!fs.existsSync(source)) throw new Error(`No backup file at ${source}.`);
	if (!(await holdsManifest(source))) return restoreDatabase(config, source, force);

	const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'col-restore-'));
	try {
		await tar.x({ file: source, cwd: staging, strict: true });
		const manifest = JSON.parse(fs.readFileSync(path.join(staging, 'manifest.json'), 'utf8')) as Manifest;
		if (manifest.format !== FORMAT || manifest.version !== 1) throw new Error(`${source} is not a backup this version can read.`);
		const here = config.databaseUrl ? 'postgresql' : 'pglite';
		if (manifest.engine !== here) {
			throw new Error(
				manifest.engine === 'pglite'
					? 'This backup is of the embedded database: restore it without DATABASE_URL (into DATA_DIR).'
					: 'This backup is of a PostgreSQL database: restore it with DATABASE_URL set.'
			);
		}
		// Everything that would be replaced is checked before anything changes.
		const keyTarget = config.dataDir ? path.join(config.dataDir, KEY_FILE) : undefined;
		const keyBackup = path.join(staging, KEY_FILE);
		const keyDiffers = manifest.credentialKey && keyTarget && fs.existsSync(keyTarget) && !fs.readFileSync(keyTarget).equals(fs.readFileSync(keyBackup));
		const filesHere = config.s3 ? [] : listFiles(config.filesDir);
		if (!force && (keyDiffers || (manifest.files > 0 && filesHere.length > 0))) {
			throw new Error('There are uploaded files or a different credential key here already: add --force to replace them (they are kept aside).');
		}
		await restoreDatabase(config, path.join(staging, databasePart(manifest.engine)), force);
		if (manifest.files > 0) await restoreFiles(config, path.join(staging, 'files'));
		if (manifest.credentialKey && keyTarget) {
			if (keyDiffers) moveAside(keyTarget);
			fs.mkdirSync(path.dirname(keyTarget), { recursive: true });
			fs.copyFileSync(keyBackup, keyTarget);
			fs.chmodSync(keyTarget, 0o600);
		} else if (!manifest.credentialKey && !config.credentialSecret) {
			console.log('The backup holds no credential key: set CREDENTIAL_SECRET as it was, or issuers will need new keys.');
		}
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
}

async function restoreDatabase(config: Config, databaseFile: string, force: boolean): Promise<void> {
	if (config.databaseUrl) {
		if (!force) throw new Error('Restoring replaces the data in DATABASE_URL: add --force to confirm.');
		runPgTool('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${config.databaseUrl}`, databaseFile]);
		return;
	}
	const dataDir = requireDataDir(config);
	const release = acquireDataDirLock(dataDir);
	try {
		const pgDir = path.join(dataDir, 'pg');
		if (fs.existsSync(pgDir) && fs.readdirSync(pgDir).length > 0) {
			if (!force) throw new Error(`${pgDir} already holds a database: add --force to replace it (it is kept aside).`);
			moveAside(pgDir);
		}
		const db = new PGlite(pgDir, { loadDataDir: new Blob([fs.readFileSync(databaseFile)]) });
		await db.waitReady;
		await db.query('select 1');
		await db.close();
	} finally {
		release();
	}
}

/** Into FILES_DIR (what was there is kept aside), or into the bucket when one is configured. */
async function restoreFiles(config: Config, from: string): Promise<void> {
	const files = listFiles(from);
	if (config.s3) {
		const store = createFileStore(config);
		for (const key of files) await store.put(key, fs.readFileSync(path.join(from, key)), 'application/octet-stream');
		console.log(`${files.length} files were put into the bucket ${config.s3.bucket}.`);
		return;
	}
	if (listFiles(config.filesDir).length > 0) moveAside(config.filesDir);
	fs.mkdirSync(path.dirname(config.filesDir), { recursive: true });
	fs.cpSync(from, config.filesDir, { recursive: true });
}

function moveAside(target: string): void {
	const aside = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
	fs.renameSync(target, aside);
	console.log(`The previous ${path.basename(target)} was moved to ${aside}.`);
}

/** Files under a directory as store keys (`activities/<id>/<name>`); none when it does not exist. */
function listFiles(root: string): string[] {
	if (!fs.existsSync(root)) return [];
	return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
		.filter((entry) => entry.isFile() && !entry.name.endsWith('.partial'))
		.map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

async function holdsManifest(file: string): Promise<boolean> {
	const head = Buffer.alloc(2);
	const fd = fs.openSync(file, 'r');
	fs.readSync(fd, head, 0, 2, 0);
	fs.closeSync(fd);
	if (head[0] !== 0x1f || head[1] !== 0x8b) return false; // not gzip: a pg_dump file of an earlier version
	let found = false;
	await tar.t({ file, onReadEntry: (entry) => void (found ||= entry.path === 'manifest.json') });
	return found;
}

async function dumpPglite(dataDir: string): Promise<Buffer> {
	const db = new PGlite(path.join(dataDir, 'pg'));
	await db.waitReady;
	const archive = await db.dumpDataDir('gzip');
	await db.close();
	return Buffer.from(await archive.arrayBuffer());
}

function requireDataDir(config: Config): string {
	if (!config.dataDir) throw new Error('An in-memory database (DATA_DIR=:memory:) has nothing to back up or restore.');
	return config.dataDir;
}

function runPgTool(tool: string, args: string[]): void {
	const result = spawnSync(tool, args, { stdio: 'inherit' });
	if (result.error) throw new Error(`${tool} could not be run (${result.error.message}); install the PostgreSQL client tools.`);
	if (result.status !== 0) throw new Error(`${tool} failed with exit code ${result.status}.`);
}
