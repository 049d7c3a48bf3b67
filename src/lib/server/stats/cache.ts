import type { Db } from '../db/database';
import type { CityStatsDto } from './schemas';

/**
 * Dashboard figures kept for a short while per scope and period. Counting a city of 500,000 enrolments
 * takes the database hundreds of milliseconds; a dashboard that is a minute behind is still right for
 * a strategy's monthly figures, and a city team opening it, filtering and exporting its tables asks
 * for the same figures several times in a row. One cache per database handle (so per running app and
 * per test server), bounded, and never shared between scopes. Targets are not cached (see service).
 */
const MAX_ENTRIES = 200;
const caches = new WeakMap<Db, Map<string, { at: number; value: Promise<CityStatsDto> }>>();

export function cachedStats(db: Db, key: string, seconds: number, compute: () => Promise<CityStatsDto>): Promise<CityStatsDto> {
	if (seconds <= 0) return compute();
	let cache = caches.get(db);
	if (!cache) caches.set(db, (cache = new Map()));
	const now = Date.now();
	const hit = cache.get(key);
	if (hit && now - hit.at < seconds * 1000) return hit.value;
	// Concurrent requests for the same figures share one computation; a failure is not kept.
	const value = compute();
	value.catch(() => cache.delete(key));
	cache.delete(key);
	cache.set(key, { at: now, value });
	if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
	return value;
}
