// Several server processes on one machine (SERVER_PROCESSES), sharing one port through node:cluster.
// Node runs a process's JavaScript on one core; on PostgreSQL a second process puts the machine's
// other cores to work, and the platform is already safe with several instances on one database
// (see ARCHITECTURE.md, "Several instances"). The embedded database is opened by one process only.
import cluster from 'node:cluster';
import os from 'node:os';

export class StartError extends Error {}

/**
 * How many server processes to run: SERVER_PROCESSES, a whole number or `auto` (one per CPU core);
 * 1 when unset.
 * @param {NodeJS.ProcessEnv} env
 */
export function serverProcesses(env) {
	const asked = env.SERVER_PROCESSES?.trim();
	if (!asked) return 1;
	const count = asked === 'auto' ? os.availableParallelism() : /^\d+$/.test(asked) ? Number(asked) : NaN;
	if (!Number.isInteger(count) || count < 1 || count > 64) {
		throw new StartError(`SERVER_PROCESSES must be a whole number from 1 to 64, or "auto" (it is "${asked}").`);
	}
	if (count > 1 && !env.DATABASE_URL?.trim()) {
		throw new StartError('SERVER_PROCESSES above 1 needs DATABASE_URL: the embedded database is opened by one process only.');
	}
	return count;
}

/** A process that stops this often within a minute is failing on its own; starting more would not help. */
const MAX_RESTARTS_PER_MINUTE = 5;

/**
 * Starts `count` server processes and keeps them running: one that stops after it started listening is
 * replaced; one that stops while starting (bad configuration, no database) stops them all, with its
 * exit code. SIGTERM and SIGINT are passed on, and this process ends when the last one has finished
 * its open requests.
 * @param {number} count
 */
export function superviseServerProcesses(count) {
	/** @type {Set<number>} */
	const listening = new Set();
	/** @type {number[]} */
	const restarts = [];
	let stopping = false;

	/** @type {Map<number, string>} */
	const places = new Map();
	// SERVER_PROCESS numbers the processes from 1; the first one announces the start (and its setup link).
	/** @param {string} place */
	const fork = (place) => {
		const worker = cluster.fork({ SERVER_PROCESS: place });
		places.set(worker.id, place);
		worker.once('listening', () => listening.add(worker.id));
	};
	/** @param {NodeJS.Signals} signal */
	const stopAll = (signal) => {
		stopping = true;
		for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
	};

	cluster.on('exit', (worker, code, signal) => {
		const running = Object.keys(cluster.workers ?? {}).length;
		if (stopping) {
			if (running === 0) process.exit();
			return;
		}
		if (!listening.has(worker.id)) {
			console.error(`A server process stopped while starting (${signal ?? `exit code ${code}`}); stopping the others.`);
			process.exitCode = code || 1;
			stopAll('SIGTERM');
			if (running === 0) process.exit();
			return;
		}
		const now = Date.now();
		restarts.push(now);
		while ((restarts[0] ?? now) < now - 60_000) restarts.shift();
		if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
			console.error(`Server processes stopped ${restarts.length} times within a minute; stopping.`);
			process.exitCode = 1;
			stopAll('SIGTERM');
			return;
		}
		console.error(`Server process ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another.`);
		fork(places.get(worker.id) ?? '1');
	});
	process.on('SIGTERM', () => stopAll('SIGTERM'));
	process.on('SIGINT', () => stopAll('SIGINT'));
	for (let place = 1; place <= count; place++) fork(String(place));
}
