import nodemailer from 'nodemailer';
import type { Logger } from '../logging/logger';

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

/**
 * Without SMTP settings the platform writes each e-mail to the log (message "mail"), which is how a
 * fresh install and the test suites read verification and invitation links.
 */
export function createMailer(options: { smtp: SmtpSettings | undefined; from: string; logger: Logger }): Mailer {
	const { smtp, from, logger } = options;
	if (!smtp) {
		return {
			async send(message) {
				logger.info({ mail: { to: message.to, subject: message.subject, kind: message.kind, text: message.text } }, 'mail');
			}
		};
	}
	const transport = nodemailer.createTransport({
		host: smtp.host,
		port: smtp.port,
		secure: smtp.secure,
		auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined
	});
	return {
		async send(message) {
			try {
				await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
				logger.info({ mail: { to: message.to, kind: message.kind } }, 'mail sent');
			} catch (error) {
				// A mail server outage must not undo the action that sent the mail; the person can ask again.
				logger.error({ err: error, mail: { to: message.to, kind: message.kind } }, 'mail could not be sent');
			}
		}
	};
}
