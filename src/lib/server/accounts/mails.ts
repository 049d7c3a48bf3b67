import * as m from '../../paraglide/messages.js';
import { BASE_LOCALE, isLocale, type Locale } from '../../i18n/locales';
import type { MailMessage } from '../mail/mailer';

interface Recipient {
	email: string;
	name: string;
	locale?: string | null;
}

const localeOf = (person: { locale?: string | null }): Locale =>
	isLocale(person.locale) ? person.locale : BASE_LOCALE;

export function verifyEmailMail(user: Recipient, url: string): MailMessage {
	const locale = localeOf(user);
	return {
		kind: 'verify_email',
		to: user.email,
		subject: m.mail_verify_subject({}, { locale }),
		text: m.mail_verify_body({ name: user.name, url }, { locale })
	};
}

export function passwordResetMail(user: Recipient, url: string): MailMessage {
	const locale = localeOf(user);
	return {
		kind: 'password_reset',
		to: user.email,
		subject: m.mail_reset_subject({}, { locale }),
		text: m.mail_reset_body({ name: user.name, url }, { locale })
	};
}
