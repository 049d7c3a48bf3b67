import { m } from '../../paraglide/messages.js';
import { BASE_LOCALE, isLocale, pickText, type LocalizedText } from '../../i18n/locales';
import type { MailMessage } from '../mail/mailer';

interface Recipient {
	email: string;
	name: string;
	locale: string | null;
}

const localeOf = (person: Recipient) => (isLocale(person.locale) ? person.locale : BASE_LOCALE);

export function placeFreedMail(person: Recipient, activity: { title: LocalizedText; url: string }): MailMessage {
	const locale = localeOf(person);
	const title = pickText(activity.title, locale)?.text ?? '';
	return {
		kind: 'waitlist_place',
		to: person.email,
		subject: m.mail_place_subject({ title }, { locale }),
		text: m.mail_place_body({ name: person.name, title, url: activity.url }, { locale })
	};
}

export function reminderMail(person: Recipient, activity: { title: LocalizedText; url: string; when: string }): MailMessage {
	const locale = localeOf(person);
	const title = pickText(activity.title, locale)?.text ?? '';
	return {
		kind: 'reminder',
		to: person.email,
		subject: m.mail_reminder_subject({ title }, { locale }),
		text: m.mail_reminder_body({ name: person.name, title, when: activity.when, url: activity.url }, { locale })
	};
}

export function removedMail(person: Recipient, activity: { title: LocalizedText; url: string }): MailMessage {
	const locale = localeOf(person);
	const title = pickText(activity.title, locale)?.text ?? '';
	return {
		kind: 'enrolment_removed',
		to: person.email,
		subject: m.mail_removed_subject({ title }, { locale }),
		text: m.mail_removed_body({ name: person.name, title, url: activity.url }, { locale })
	};
}
