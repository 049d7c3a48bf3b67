import { m } from '../../paraglide/messages.js';
import { BASE_LOCALE, isLocale } from '../../i18n/locales';
import type { MailMessage } from '../mail/mailer';

/**
 * "You earned a badge": to someone with an account, a link to it; to an e-mail without one, also how
 * to keep it (an account with this address, once verified, receives it).
 */
export function badgeAwardedMail(person: { email: string; name: string; locale: string | null }, badge: { name: string; issuer: string; url: string; signUpUrl: string }, hasAccount: boolean): MailMessage {
	const locale = isLocale(person.locale) ? person.locale : BASE_LOCALE;
	const greeting = person.name || person.email;
	const body = m.mail_badge_body({ name: greeting, badge: badge.name, issuer: badge.issuer, url: badge.url }, { locale });
	const keep = hasAccount ? '' : `\n\n${m.mail_badge_keep({ email: person.email, url: badge.signUpUrl }, { locale })}`;
	return { kind: 'badge_awarded', to: person.email, subject: m.mail_badge_subject({ badge: badge.name }, { locale }), text: body + keep };
}
