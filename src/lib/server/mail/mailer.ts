import nodemailer from 'nodemailer';
import type { Db } from '../db/database';
import type { Logger } from '../logging/logger';
import { enqueue } from '../jobs/queue';
import { wakeLocalRunners, type JobHandler } from '../jobs/runner';

export interface MailMessage {
	to: string;
	subject: string;
	text: string;
	/** What kind of message this is (`verify_email`, `invitation`, ...), for logs and tests. */
	kind: string;
}

export interface Mailer {
	send(message: MailMessage): Promise<void>;
}

export interface SmtpSettings {
	host: string;
	port: number;
	secure: boolean;
	user: string | undefined;
	password: string | undefined;
}

export const MAIL_QUEUE = 'mail.send';
/** With the jobs' backoff (5 s doubling to an hour), eight tries span about four hours of outage. */
const MAIL_ATTEMPTS = 8;

/**
 * Without SMTP settings the platform writes each e-mail to the log (message "mail"), which is how a
 * fresh install and the test suites read verification and invitation links. With them, each mail is
 * a job: sent by whichever instance claims it, tried again with backoff while the mail server is down
 * or refuses, so an outage delays mails instead of losing them and never undoes the action that sent them.
 */
export function createMailer(options: { smtp: SmtpSettings | undefined; from: string; logger: Logger; db: Db }): Mailer {
	const { smtp, logger, db } = options;
	if (!smtp) {
		return {
			async send(message) {
				logger.info({ mail: { to: message.to, subject: message.subject, kind: message.kind, text: message.text } }, 'mail');
			}
		};
	}
	return {
		async send(message) {
			try {
				await enqueue(db, MAIL_QUEUE, { to: message.to, subject: message.subject, text: message.text, kind: message.kind }, { maxAttempts: MAIL_ATTEMPTS });
				wakeLocalRunners();
				logger.info({ mail: { to: message.to, kind: message.kind } }, 'mail queued');
			} catch (error) {
				// The action that sent the mail is done; the person can ask again (a new link, say).
				logger.error({ err: error, mail: { to: message.to, kind: message.kind } }, 'mail could not be queued');
			}
		}
	};
}

/** Sends queued mails over SMTP; a refusal or an unreachable server fails the attempt, to be tried again. */
export function mailJobHandler(options: { smtp: SmtpSettings; from: string; logger: Logger }): JobHandler {
	const { smtp, from, logger } = options;
	const transport = nodemailer.createTransport({
		host: smtp.host,
		port: smtp.port,
		secure: smtp.secure,
		auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
		connectionTimeout: 15_000,
		greetingTimeout: 15_000,
		socketTimeout: 30_000
	});
	return {
		touchesPublicData: false,
		// The text may hold a sign-in or reset link: it is not kept once the mail is gone.
		forgetPayloadWhenDone: true,
		async run(payload) {
			const mail = payload as unknown as MailMessage;
			await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
			logger.info({ mail: { to: mail.to, kind: mail.kind } }, 'mail sent');
		},
		async onDead(payload, message) {
			const mail = payload as unknown as MailMessage;
			logger.error({ mail: { to: mail.to, kind: mail.kind }, reason: message }, `mail given up after ${MAIL_ATTEMPTS} tries`);
		}
	};
}
