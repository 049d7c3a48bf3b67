/** Shared pieces of the benchmarks: starting the real server, HTTP load, and the result table. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import { serverProcesses } from '../scripts/processes.js';

export const root = path.resolve(import.meta.dirname, '..');

export interface Row {
	feature: string;
	metric: string;
	value: number;
	unit: string;
	/** The same measurement of the baseline, taken in the same run. */
	baseline?: number;
	/** What the issue asks for, in words, e.g. "< 15 s" or ">= 0.5". */
	target?: string;
	/** Whether the target is met; derived by the benchmark. */
	ok?: boolean;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export interface RunningServer {
	url: string;
	child: ChildProcess;
	startedInMs: number;
	stop(): Promise<void>;
	rssMb(): number;
}

/**
 * Starts the platform the way `npm start` does and times it until /healthz answers 200 (with
 * SERVER_PROCESSES, until every process listens).
 */
export async function startPlatform(env: Record<string, string>): Promise<RunningServer> {
	const port = await freePort();
	const started = performance.now();
	const child = spawn(process.execPath, [path.join(root, 'scripts/start.js')], {
		cwd: root,
		env: { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', SKIP_BUILD: '1', LOG_LEVEL: 'warn', ...env },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	let listening = 0;
	child.stdout!.on('data', (chunk: Buffer) => {
		listening += (chunk.toString().match(/Listening on/g) ?? []).length;
		if (process.env.BENCH_SERVER_OUTPUT) process.stdout.write(chunk);
	});
	const processes = serverProcesses(env);
	const url = `http://127.0.0.1:${port}`;
	while (listening < processes) {
		if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	for (;;) {
		if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
		try {
			if ((await fetch(`${url}/healthz`)).ok) break;
		} catch {
			/* not yet */
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	const startedInMs = performance.now() - started;
	return {
		url,
		child,
		startedInMs,
		rssMb: () => {
			const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
			return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
		},
		async stop() {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		}
	};
}

/** Requests per second and latency percentiles of one URL under `connections` concurrent clients. */
export async function load(url: string, options: { connections: number; seconds: number; headers?: Record<string, string> }) {
	const result = await autocannon({ url, connections: options.connections, duration: options.seconds, headers: options.headers });
	if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
	return { rps: result.requests.average, p50: result.latency.p50, p95: result.latency.p97_5 ?? result.latency.p99 };
}

/**
 * The baseline: a bare node:http server, in its own process like the platform, that answers every
 * request with the same bytes.
 */
export async function bareServer(body: string): Promise<{ url: string; close(): Promise<void> }> {
	const port = await freePort();
	const script = `
		const body = Buffer.from(${JSON.stringify(body)});
		require('node:http').createServer((req, res) => {
			res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
			res.end(body);
		}).listen(${port}, '127.0.0.1', () => process.send('ready'));`;
	const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
	await new Promise((resolve) => child.once('message', resolve));
	return {
		url: `http://127.0.0.1:${port}`,
		close: async () => {
			child.kill();
			await new Promise((resolve) => child.once('exit', resolve));
		}
	};
}

export function printTable(rows: Row[]): void {
	const lines = rows.map((row) => {
		const ratio = row.baseline ? (row.value / row.baseline).toFixed(2) : '';
		return [row.feature, row.metric, `${round(row.value)} ${row.unit}`, row.baseline ? `${round(row.baseline)} ${row.unit}` : '', ratio, row.target ?? '', row.ok === undefined ? '' : row.ok ? 'yes' : 'NO'];
	});
	const header = ['feature', 'measurement', 'value', 'baseline', 'ratio', 'target', 'met'];
	const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
	const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
	console.log(format(header));
	console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	for (const line of lines) console.log(format(line));
}

const round = (n: number) => (n >= 100 ? Math.round(n).toString() : n.toFixed(n >= 10 ? 1 : 2));
