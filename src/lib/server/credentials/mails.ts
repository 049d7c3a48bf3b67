import { m } from '../../paraglide/messages.js';
import { BASE_LOCALE, isLocale, pickText, type LocalizedText } from '../../i18n/locales';
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

/** The organiser's decision on evidence, with their comment. */
export function evidenceDecisionMail(
	person: { email: string; name: string; locale: string | null },
	evidence: { title: LocalizedText; url: string; status: string; comment: string | null }
): MailMessage {
	const locale = isLocale(person.locale) ? person.locale : BASE_LOCALE;
	const title = pickText(evidence.title, locale)?.text ?? '';
	const decision =
		evidence.status === 'approved'
			? m.mail_evidence_approved({ title }, { locale })
			: evidence.status === 'changes_requested'
				? m.mail_evidence_more({ title }, { locale })
				: m.mail_evidence_rejected({ title }, { locale });
	const comment = evidence.comment ? `\n\n${m.mail_evidence_comment({ comment: evidence.comment }, { locale })}` : '';
	return {
		kind: 'evidence_decision',
		to: person.email,
		subject: m.mail_evidence_subject({ title }, { locale }),
		text: `${m.mail_greeting({ name: person.name }, { locale })}\n\n${decision}${comment}\n\n${evidence.url}`
	};
}
