/**
 * SERVER_PROCESSES: several server processes sharing one port on PostgreSQL (scripts/processes.js),
 * started as `npm start` starts them. Refused, with a message, where it cannot work.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSuiteDatabase, freePort } from '../support/server';

const root = path.resolve(import.meta.dirname, '../..');
const start = path.join(root, 'scripts/start.js');
let tmp: string;

beforeAll(() => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'col-processes-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function refusal(env: Record<string, string>) {
	const run = spawnSync(process.execPath, [start], {
		cwd: root,
		env: { PATH: process.env.PATH, DATA_DIR: path.join(tmp, 'refused'), PORT: '0', HOST: '127.0.0.1', SKIP_BUILD: '1', ...env },
		encoding: 'utf8',
		timeout: 30_000
	});
	return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** The process ids of a process's children, from /proc. */
function childrenOf(pid: number): number[] {
	return fs
		.readdirSync('/proc')
		.filter((entry) => /^\d+$/.test(entry))
		.filter((entry) => {
			try {
				return Number(fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === pid;
			} catch {
				return false;
			}
		})
		.map(Number);
}

describe('several server processes', () => {
	it('are refused on the embedded database, and for a count that is not one', () => {
		const embedded = refusal({ SERVER_PROCESSES: '2' });
		expect(embedded.status).toBe(1);
		expect(embedded.output).toContain('SERVER_PROCESSES above 1 needs DATABASE_URL');
		const wrong = refusal({ SERVER_PROCESSES: 'many', DATABASE_URL: 'postgres://127.0.0.1:1/none' });
		expect(wrong.status).toBe(1);
		expect(wrong.output).toContain('SERVER_PROCESSES must be a whole number from 1 to 64, or "auto"');
		expect(wrong.output).not.toMatch(/\n\s+at /);
		// A process that cannot start (here: no database on that port) stops the others and the start.
		const unreachable = refusal({ SERVER_PROCESSES: '2', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
		expect(unreachable.status).toBe(1);
		expect(unreachable.output).toContain('A server process stopped while starting');
	});

	it.runIf(process.env.DATABASE_URL)('share one port on PostgreSQL, print one setup link that works, and stop together', { timeout: 120_000 }, async () => {
		const database = await createSuiteDatabase(process.env.DATABASE_URL!);
		const port = await freePort();
		const url = `http://127.0.0.1:${port}`;
		let output = '';
		const server: ChildProcess = spawn(process.execPath, [start], {
			cwd: root,
			env: { PATH: process.env.PATH, DATABASE_URL: database.url, DATA_DIR: path.join(tmp, 'data'), PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, SKIP_BUILD: '1', LOG_LEVEL: 'warn', SERVER_PROCESSES: '2' }
		});
		server.stdout!.on('data', (chunk) => (output += chunk));
		server.stderr!.on('data', (chunk) => (output += chunk));
		const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
		try {
			// Both processes listen before the test goes on.
			for (let tries = 0; (output.match(/Listening on/g) ?? []).length < 2; tries++) {
				if (tries > 600 || server.exitCode !== null) throw new Error(`the server did not start:\n${output}`);
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
			expect(childrenOf(server.pid!)).toHaveLength(2);
			for (let i = 0; i < 6; i++) expect((await fetch(`${url}/api/v1/cities`)).status).toBe(200);

			// One announcement: each new setup token replaces the last, so two would leave one link dead.
			expect(output.match(/is running at/g)).toHaveLength(1);
			const token = /setup\?token=([\w-]+)/.exec(output)?.[1];
			expect(token).toBeTruthy();
			const form = new URLSearchParams({ token: token!, name: 'Ops', email: 'ops@example.org', password: 'ops password 1' });
			const setup = await fetch(`${url}/setup`, { method: 'POST', body: form, redirect: 'manual', headers: { origin: url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' } });
			expect(setup.status).toBe(303);
			expect(setup.headers.get('location')).toContain('/admin');

			server.kill('SIGTERM');
			expect(await exited).toBe(0);
			expect(output).not.toContain('starting another');
		} finally {
			if (server.exitCode === null) server.kill('SIGKILL');
			await database.drop();
		}
	});
});
