import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './schema';
import { acquireDataDirLock } from './data-dir-lock';

export type Schema = typeof schema;
/** The Drizzle handle every query module takes; the same type on PGlite and on PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle is a Db as far as query modules are concerned. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
	db: Db;
	engine: 'pglite' | 'postgres';
	/** Runs the committed SQL migrations; safe to call from several instances at once. */
	migrate(): Promise<void>;
	close(): Promise<void>;
}

export interface DatabaseOptions {
	databaseUrl: string | undefined;
	/** PGlite data directory, or null for an in-memory database (tests). */
	dataDir: string | null;
	poolSize: number;
	migrationsFolder?: string;
}

/** The folder of generated SQL migrations, shipped beside the build. */
export function defaultMigrationsFolder(): string {
	const folder = path.resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');
	if (!fs.existsSync(path.join(folder, 'meta', '_journal.json'))) {
		throw new Error(`No migrations found in ${folder}: run the platform from the project folder or set MIGRATIONS_DIR.`);
	}
	return folder;
}

/** True when the PGlite data directory has not been initialised yet (its first start is slow). */
export function isFreshPgliteDir(dataDir: string): boolean {
	return !fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'));
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
	const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
	if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize, migrationsFolder);
	return openPglite(options.dataDir, migrationsFolder);
}

async function openPglite(dataDir: string | null, migrationsFolder: string): Promise<Database> {
	const release = dataDir ? acquireDataDirLock(dataDir) : () => {};
	let client: PGlite;
	try {
		client = dataDir ? new PGlite(path.join(dataDir, 'pg')) : new PGlite();
		await client.waitReady;
	} catch (error) {
		release();
		throw error;
	}
	const db = drizzlePglite(client, { schema }) as unknown as Db;
	return {
		db,
		engine: 'pglite',
		async migrate() {
			await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
		},
		async close() {
			try {
				if (!client.closed) await client.close();
			} finally {
				release();
			}
		}
	};
}

/** Any fixed number: instances serialise their migrations on this advisory lock. */
const MIGRATION_LOCK_ID = 74_511_203;

/**
 * Searches run as prepared statements (discovery/statements.ts), parsed once per connection. Each run
 * is still planned for its own values: after five runs PostgreSQL may otherwise switch to a generic
 * plan, which has to guess how many activities a word or a date range matches and can pick the wrong
 * index for the next one. (Set at connection start; `options` in DATABASE_URL replaces it.)
 */
export const PLAN_EVERY_RUN = '-c plan_cache_mode=force_custom_plan';

async function openPostgres(url: string, poolSize: number, migrationsFolder: string): Promise<Database> {
	const pool = new pg.Pool({ connectionString: url, max: poolSize, options: PLAN_EVERY_RUN });
	// A broken idle connection must not crash the process; the pool replaces it.
	pool.on('error', () => {});
	const probe = await pool.connect();
	probe.release();
	const db = drizzlePostgres(pool, { schema }) as unknown as Db;
	return {
		db,
		engine: 'postgres',
		async migrate() {
			const lockClient = await pool.connect();
			try {
				await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
				await migratePostgres(drizzlePostgres(lockClient, { schema }), { migrationsFolder });
			} finally {
				await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
				lockClient.release();
			}
		},
		async close() {
			await pool.end();
		}
	};
}
