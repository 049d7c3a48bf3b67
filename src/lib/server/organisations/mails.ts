import * as m from '../../paraglide/messages.js';
import { BASE_LOCALE, isLocale } from '../../i18n/locales';
import type { MailMessage } from '../mail/mailer';
import type { MemberDto } from './schemas';

const roleName = (role: MemberDto['role'], locale: ReturnType<typeof pickLocale>) =>
	({ owner: m.role_owner, admin: m.role_admin, member: m.role_member })[role]({}, { locale });

const pickLocale = (value: string | null | undefined) => (isLocale(value) ? value : BASE_LOCALE);

export function invitationMail(input: {
	to: string;
	locale: string | null | undefined;
	inviterName: string;
	organisationName: string;
	role: MemberDto['role'];
	url: string;
	expiresAt: Date;
}): MailMessage {
	const locale = pickLocale(input.locale);
	return {
		kind: 'invitation',
		to: input.to,
		subject: m.mail_invite_subject({ organisation: input.organisationName }, { locale }),
		text: m.mail_invite_body(
			{
				inviter: input.inviterName,
				organisation: input.organisationName,
				role: roleName(input.role, locale),
				url: input.url,
				expires: input.expiresAt.toISOString().slice(0, 10)
			},
			{ locale }
		)
	};
}
