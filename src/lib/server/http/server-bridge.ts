import type { DirectLane } from './direct-lane';

/**
 * What server.js (plain JavaScript, outside the build) and the app share in one process, as a symbol
 * on globalThis: server.js sets `clear` (empty its cache of public answers); the app sets `current`
 * on PostgreSQL (the cache generation all instances share, checked before a kept answer is served)
 * and `direct` (the direct lane, tried before SvelteKit).
 */
export interface ServerBridge {
	clear?: () => void;
	current?: () => Promise<number>;
	direct?: DirectLane;
}

const KEY = Symbol.for('cities-of-learning.public-cache');
export const serverBridge: ServerBridge = ((globalThis as typeof globalThis & { [KEY]?: ServerBridge })[KEY] ??= {});
