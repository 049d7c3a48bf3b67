import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * An exclusive lock on the PGlite data directory. Two processes writing one PGlite directory lose data
 * silently, so a second process must refuse to start. The lock file holds the owner's pid and host;
 * a lock left by a process that no longer runs (a crash, a kill -9) is taken over.
 */
export class DataDirLockedError extends Error {
	constructor(
		readonly lockFile: string,
		readonly ownerPid: number
	) {
		super(
			`The data directory ${path.dirname(lockFile)} is in use by another process (pid ${ownerPid}). ` +
				'Stop that process first (the platform server, or a CLI command), or point DATA_DIR elsewhere.'
		);
		this.name = 'DataDirLockedError';
	}
}

interface LockOwner {
	pid: number;
	host: string;
}

function readOwner(lockFile: string): LockOwner | undefined {
	try {
		const owner = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as Partial<LockOwner>;
		return typeof owner.pid === 'number' && typeof owner.host === 'string'
			? { pid: owner.pid, host: owner.host }
			: undefined;
	} catch {
		return undefined; // unreadable or half-written: treated as stale
	}
}

function isAlive(owner: LockOwner): boolean {
	if (owner.host !== os.hostname()) return true; // another machine's process: cannot check, assume alive
	if (owner.pid === process.pid) return false; // a previous life of this pid (containers reuse pid 1)
	try {
		process.kill(owner.pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

export function acquireDataDirLock(dataDir: string): () => void {
	fs.mkdirSync(dataDir, { recursive: true });
	const lockFile = path.join(dataDir, 'platform.lock');
	const content = JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() });
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			fs.writeFileSync(lockFile, content, { flag: 'wx' });
			let released = false;
			return () => {
				if (released) return;
				released = true;
				if (readOwner(lockFile)?.pid === process.pid) fs.rmSync(lockFile, { force: true });
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const owner = readOwner(lockFile);
			if (owner && isAlive(owner)) throw new DataDirLockedError(lockFile, owner.pid);
			// Stale: move it aside atomically so that only one contender removes it.
			const stale = `${lockFile}.stale-${process.pid}`;
			try {
				fs.renameSync(lockFile, stale);
				fs.rmSync(stale, { force: true });
			} catch {
				/* another process took it over first; retry */
			}
		}
	}
	const owner = readOwner(lockFile);
	throw new DataDirLockedError(lockFile, owner?.pid ?? -1);
}
