import { isLocale } from '../../i18n/locales';
import type { UserDto } from './schemas';

export interface UserLike {
	id: string;
	name: string;
	email: string;
	emailVerified: boolean;
	locale?: string | null;
	isPlatformAdmin?: boolean | null;
	createdAt: Date | string;
}

export function presentUser(user: UserLike): UserDto {
	return {
		id: user.id,
		name: user.name,
		email: user.email,
		emailVerified: user.emailVerified,
		locale: isLocale(user.locale) ? user.locale : null,
		isPlatformAdmin: Boolean(user.isPlatformAdmin),
		createdAt: new Date(user.createdAt).toISOString()
	};
}

export function presentApiToken(row: {
	id: string;
	name: string;
	prefix: string;
	createdAt: Date;
	expiresAt: Date | null;
	lastUsedAt: Date | null;
}) {
	return {
		id: row.id,
		name: row.name,
		prefix: row.prefix,
		createdAt: row.createdAt.toISOString(),
		expiresAt: row.expiresAt?.toISOString() ?? null,
		lastUsedAt: row.lastUsedAt?.toISOString() ?? null
	};
}
