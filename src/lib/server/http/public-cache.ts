import { sql } from 'drizzle-orm';
import type { Database } from '../db/database';

import { serverBridge as bridge } from './server-bridge';

let database: Database | undefined;

/**
 * Several instances can only run on PostgreSQL; there the generation lives in a sequence. On PGlite
 * (one process) server.js's own clearing on writes is enough.
 */
export function sharePublicCache(db: Database): void {
	if (db.engine !== 'postgres') return;
	database = db;
	bridge.current = async () => {
		const result = await db.db.execute(sql`select last_value from public_cache_generation`);
		const rows = (result as unknown as { rows: { last_value: string | number }[] }).rows;
		return Number(rows[0]?.last_value ?? 0);
	};
}

/**
 * Public data may have changed (a write committed, a job finished): this process's kept answers go,
 * and on PostgreSQL the shared generation moves on, so the other instances drop theirs at their next hit.
 */
export async function publicDataChanged(): Promise<void> {
	bridge.clear?.();
	if (database) await database.db.execute(sql`select nextval('public_cache_generation')`);
}

/**
 * Lets server.js keep this page for anonymous visitors for `seconds` (per URL and language), through
 * an internal header it reads and never sends; signed-in people always get their own rendering. For
 * busy public pages (an activity page): any write anywhere drops what was kept.
 */
export function shareWithVisitors(event: { locals: { actor: { kind: string } }; setHeaders: (headers: Record<string, string>) => void }, seconds: number): void {
	if (event.locals.actor.kind === 'visitor') event.setHeaders({ 'x-shared-cache': String(seconds) });
}
