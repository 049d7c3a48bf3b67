/**
 * Starts the built platform (`node build/index.js`) as a child process on a free port, with a database
 * of its own: an in-memory PGlite by default, or a fresh database on the PostgreSQL server named by
 * DATABASE_URL (created here and dropped on stop). Tests talk to it over HTTP only, and read the
 * e-mails it "sends" from its log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/lib/server/db/database';

const root = path.resolve(import.meta.dirname, '..', '..');

export interface MailEntry {
	to: string;
	subject: string;
	kind: string;
	text: string;
}

export interface TestServer {
	url: string;
	engine: 'pglite' | 'postgres';
	mails(): MailEntry[];
	/** Waits for an e-mail matching the filter and returns it. */
	waitForMail(filter: (mail: MailEntry) => boolean, timeoutMs?: number): Promise<MailEntry>;
	logs(): string[];
	/** Kills the process at once (SIGKILL), as a crash would; the database is left as it is. */
	crash(): Promise<void>;
	stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** Creates a database on the PostgreSQL server for one suite; returns its URL and a dropper. */
/**
 * Storage that outlives one server process, for tests that stop and start the server: a scratch
 * database on the PostgreSQL server when DATABASE_URL is set, else a PGlite data directory. `cleanup`
 * removes it.
 */
export async function restartableStorage(label: string): Promise<{ where: { databaseUrl: string } | { dataDir: string }; cleanup: () => Promise<void> }> {
	if (process.env.DATABASE_URL) {
		const database = await createSuiteDatabase(process.env.DATABASE_URL);
		return { where: { databaseUrl: database.url }, cleanup: database.drop };
	}
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `col-${label}-`));
	return { where: { dataDir }, cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

export async function createSuiteDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
	const name = `col_test_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: serverUrl });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		drop: async () => {
			const client = new pg.Client({ connectionString: serverUrl });
			await client.connect();
			await client.query(`drop database if exists ${name} with (force)`);
			await client.end();
		}
	};
}

/**
 * A database for a suite that works below HTTP: in-memory PGlite, or a fresh database on the
 * PostgreSQL server of DATABASE_URL, migrated; `close` also drops that database.
 */
export async function openSuiteDatabase(poolSize: number): Promise<{ database: Database; close: () => Promise<void> }> {
	const scratch = process.env.DATABASE_URL ? await createSuiteDatabase(process.env.DATABASE_URL) : undefined;
	const database = await openDatabase({ databaseUrl: scratch?.url, dataDir: null, poolSize });
	await database.migrate();
	return {
		database,
		close: async () => {
			await database.close();
			await scratch?.drop();
		}
	};
}

export async function startServer(
	options: {
		env?: Record<string, string>;
		/** Run on an embedded database in this directory (whatever DATABASE_URL says). */
		dataDir?: string;
		/** Run on this PostgreSQL database instead of a fresh one. */
		databaseUrl?: string;
		/** Listen on this port (a restarted server keeps its public URL). */
		port?: number;
	} = {}
): Promise<TestServer> {
	const handler = path.join(root, 'server.js');
	const build = path.join(root, 'build', 'handler.js');
	if (!fs.existsSync(build)) throw new Error('No build found: run `npm run build` (npm test does it).');
	const port = options.port ?? (await freePort());
	const serverUrl = options.dataDir || options.databaseUrl ? undefined : process.env.DATABASE_URL;
	const database = serverUrl ? await createSuiteDatabase(serverUrl) : undefined;
	const databaseUrl = options.databaseUrl ?? database?.url;
	const lines: string[] = [];
	const child: ChildProcess = spawn(process.execPath, [handler], {
		cwd: root,
		env: {
			PATH: process.env.PATH,
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${port}`,
			PUBLIC_URL: `http://127.0.0.1:${port}`,
			DATA_DIR: options.dataDir ?? ':memory:',
			LOG_LEVEL: 'info',
			RATE_LIMIT_LOGIN: '1000/60',
			RATE_LIMIT_REGISTER: '1000/60',
			RATE_LIMIT_CLAIM: '1000/60',
			RATE_LIMIT_VERIFY: '1000/60',
			RATE_LIMIT_IMPORT: '1000/60',
			MAP_TILE_URL: 'none',
			...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const collect = (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
	child.stdout!.on('data', collect);
	child.stderr!.on('data', collect);
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 90_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`The server exited during start:\n${lines.join('\n')}`);
		try {
			const response = await fetch(`${url}/healthz`);
			if (response.ok) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`The server did not become healthy:\n${lines.join('\n')}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}

	const mails = (): MailEntry[] =>
		lines.flatMap((line) => {
			if (!line.startsWith('{')) return [];
			try {
				const entry = JSON.parse(line) as { msg?: string; mail?: MailEntry };
				return entry.msg === 'mail' && entry.mail ? [entry.mail] : [];
			} catch {
				return [];
			}
		});

	return {
		url,
		engine: databaseUrl ? 'postgres' : 'pglite',
		mails,
		logs: () => [...lines],
		async waitForMail(filter, timeoutMs = 10_000) {
			const until = Date.now() + timeoutMs;
			for (;;) {
				const found = mails().find(filter);
				if (found) return found;
				if (Date.now() > until) throw new Error(`No matching e-mail. Sent: ${JSON.stringify(mails().map((m) => [m.to, m.kind]))}`);
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		},
		async crash() {
			if (child.exitCode === null) {
				child.kill('SIGKILL');
				await exited;
			}
		},
		async stop() {
			if (child.exitCode === null) {
				child.kill('SIGTERM');
				const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
				await exited;
				clearTimeout(timer);
			}
			await database?.drop();
		}
	};
}

/** The first link in a mail text that starts with the given path, e.g. `/verify-email`. */
export function linkIn(mail: MailEntry, pathPrefix: string): URL {
	const match = mail.text.match(/https?:\/\/\S+/g)?.map((u) => new URL(u)).find((u) => u.pathname.startsWith(pathPrefix));
	if (!match) throw new Error(`No ${pathPrefix} link in: ${mail.text}`);
	return match;
}
