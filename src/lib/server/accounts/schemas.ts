import { z } from 'zod';
import { LOCALES } from '../../i18n/locales';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/passwords';

/** Inputs and outputs of the accounts feature: one zod schema each, for validation, types and OpenAPI. */
export const Email = z
	.email()
	.max(254)
	.transform((value) => value.trim().toLowerCase())
	.meta({ example: 'ana@example.org' });
export const Password = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);
export const PersonName = z.string().trim().min(1).max(100);
export const LocaleCode = z.enum(LOCALES);

export const RegisterInput = z
	.object({ email: Email, password: Password, name: PersonName, locale: LocaleCode.optional() })
	.meta({ id: 'RegisterInput' });
export const LoginInput = z
	.object({ email: Email, password: z.string().min(1).max(PASSWORD_MAX_LENGTH) })
	.meta({ id: 'LoginInput' });
export const TokenInput = z.object({ token: z.string().min(1).max(2048) }).meta({ id: 'TokenInput' });
export const RequestPasswordResetInput = z.object({ email: Email }).meta({ id: 'RequestPasswordResetInput' });
export const ResetPasswordInput = z
	.object({ token: z.string().min(1).max(2048), newPassword: Password })
	.meta({ id: 'ResetPasswordInput' });
export const ChangePasswordInput = z
	.object({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword: Password })
	.meta({ id: 'ChangePasswordInput' });
export const ChangeEmailInput = z.object({ newEmail: Email }).meta({ id: 'ChangeEmailInput' });
export const DeleteAccountInput = z
	.object({ password: z.string().min(1).max(PASSWORD_MAX_LENGTH) })
	.meta({ id: 'DeleteAccountInput' });
export const UpdateProfileInput = z
	.object({ name: PersonName.optional(), locale: LocaleCode.nullable().optional() })
	.meta({ id: 'UpdateProfileInput' });
export const CreateApiTokenInput = z
	.object({
		name: z.string().trim().min(1).max(100),
		/** Days until the token stops working; omitted means it never expires. */
		expiresInDays: z.number().int().min(1).max(3650).optional()
	})
	.meta({ id: 'CreateApiTokenInput' });

export const UserDto = z
	.object({
		id: z.uuid(),
		name: z.string(),
		email: z.string(),
		emailVerified: z.boolean(),
		locale: LocaleCode.nullable(),
		isPlatformAdmin: z.boolean(),
		createdAt: z.iso.datetime()
	})
	.meta({ id: 'User' });
export type UserDto = z.infer<typeof UserDto>;

export const AuthResult = z.object({ user: UserDto, token: z.string() }).meta({ id: 'AuthResult' });

export const MeDto = UserDto.extend({
	cityAdminOf: z.array(z.object({ id: z.uuid(), slug: z.string(), name: z.string() })),
	memberships: z.array(
		z.object({
			organisationId: z.uuid(),
			organisationName: z.string(),
			cityId: z.uuid(),
			role: z.enum(['owner', 'admin', 'member'])
		})
	)
}).meta({ id: 'Me' });
export type MeDto = z.infer<typeof MeDto>;

export const ApiTokenDto = z
	.object({
		id: z.uuid(),
		name: z.string(),
		prefix: z.string(),
		createdAt: z.iso.datetime(),
		expiresAt: z.iso.datetime().nullable(),
		lastUsedAt: z.iso.datetime().nullable()
	})
	.meta({ id: 'ApiToken' });
export const CreatedApiTokenDto = ApiTokenDto.extend({
	token: z.string().meta({ description: 'The token itself; shown once and never again.' })
}).meta({ id: 'CreatedApiToken' });

export const OkDto = z.object({ ok: z.literal(true) }).meta({ id: 'Ok' });
