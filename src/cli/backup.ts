import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Config } from '../lib/server/config/config';
import { acquireDataDirLock } from '../lib/server/db/data-dir-lock';

/**
 * Backups: the embedded database is archived whole (PGlite's data directory as a gzipped tarball, taken
 * while holding the data directory lock, so the server must be stopped); a PostgreSQL server is dumped
 * with pg_dump's custom format and restored with pg_restore.
 */
export async function backup(config: Config, file: string): Promise<void> {
	const target = path.resolve(file);
	if (config.databaseUrl) {
		runPgTool('pg_dump', ['--format=custom', '--no-owner', `--file=${target}`, config.databaseUrl]);
		return;
	}
	const dataDir = requireDataDir(config);
	const release = acquireDataDirLock(dataDir);
	try {
		const db = new PGlite(path.join(dataDir, 'pg'));
		await db.waitReady;
		const archive = await db.dumpDataDir('gzip');
		await db.close();
		fs.writeFileSync(target, Buffer.from(await archive.arrayBuffer()));
	} finally {
		release();
	}
}

export async function restore(config: Config, file: string, force: boolean): Promise<void> {
	const source = path.resolve(file);
	if (!fs.existsSync(source)) throw new Error(`No backup file at ${source}.`);
	if (config.databaseUrl) {
		if (!force) throw new Error('Restoring replaces the data in DATABASE_URL: add --force to confirm.');
		runPgTool('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${config.databaseUrl}`, source]);
		return;
	}
	const dataDir = requireDataDir(config);
	const release = acquireDataDirLock(dataDir);
	try {
		const pgDir = path.join(dataDir, 'pg');
		if (fs.existsSync(pgDir) && fs.readdirSync(pgDir).length > 0) {
			if (!force) throw new Error(`${pgDir} already holds a database: add --force to replace it (it is kept aside).`);
			const aside = `${pgDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
			fs.renameSync(pgDir, aside);
			console.log(`The previous database was moved to ${aside}.`);
		}
		const archive = new Blob([fs.readFileSync(source)]);
		const db = new PGlite(pgDir, { loadDataDir: archive });
		await db.waitReady;
		await db.query('select 1');
		await db.close();
	} finally {
		release();
	}
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
