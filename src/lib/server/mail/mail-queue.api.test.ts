/**
 * E-mail over SMTP through the jobs queue: the platform runs with SMTP_HOST pointing at a real SMTP
 * server (nodemailer's smtp-server) that refuses the first delivery with a temporary error. The action
 * that sent the mail succeeds at once; the mail arrives on the next try, once, with its text; the log
 * says it was queued and sent without carrying its text (which holds a link).
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { startPlatform, type Platform } from '../../../../tests/support/factories';

interface Received {
	from: string;
	to: string[];
	data: string;
}

let smtp: SMTPServer;
let platform: Platform;
const received: Received[] = [];
let refusalsLeft = 1;
let refused = 0;
const NEWCOMER = 'newcomer@example.org';
const toNewcomer = () => received.filter((mail) => mail.to.includes(NEWCOMER));

beforeAll(async () => {
	smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onRcptTo(address, _session, callback) {
			if (address.address === NEWCOMER && refusalsLeft > 0) {
				refusalsLeft--;
				refused++;
				return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
			}
			callback();
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
	const port = (smtp.server.address() as AddressInfo).port;
	platform = await startPlatform({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), MAIL_FROM: 'Platform <no-reply@platform.test>', JOBS_POLL_MS: '200' });
}, 120_000);

afterAll(async () => {
	await platform?.server.stop();
	await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('mail through SMTP', () => {
	it('is queued, tried again after a temporary refusal, and delivered once', { timeout: 60_000 }, async () => {
		const registered = await platform.anonymous.post('/api/v1/auth/register', { email: NEWCOMER, password: 'a good password', name: 'Newcomer' });
		// The registration does not wait for the mail server, nor fail with it.
		expect(registered.status).toBe(201);
		await expect.poll(() => toNewcomer().length, { timeout: 30_000, interval: 200 }).toBe(1);
		expect(refused).toBe(1);
		const [mail] = toNewcomer();
		expect(mail!.to).toEqual([NEWCOMER]);
		expect(mail!.from).toBe('no-reply@platform.test');
		expect(mail!.data).toMatch(/^Subject: .+/m);
		expect(mail!.data).toContain(`${platform.server.url}/`);

		const log = platform.server.logs().join('\n');
		expect(log).toContain('"msg":"mail queued"');
		expect(log).toContain('"msg":"mail sent"');
		expect(log).toContain('"msg":"job failed"');
		// The mail's text (its link) is never written to the log with SMTP configured.
		const link = /https?:\/\/\S+/.exec(mail!.data.replace(/=\r?\n/g, ''))![0];
		expect(log).not.toContain(link);
		// Nothing more arrives: one mail, one delivery.
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(toNewcomer()).toHaveLength(1);
	});
});
