import { betterAuth } from 'better-auth';
import { APIError } from 'better-auth/api';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { bearer } from 'better-auth/plugins';
import type { Db } from '../db/database';
import { clearSignInFailures } from '../accounts/lockout';
import { authAccounts, authSessions, authVerifications, users } from '../accounts/schema';
import type { Mailer } from '../mail/mailer';
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, verifyPassword } from './passwords';
import { passwordResetMail, verifyEmailMail } from '../accounts/mails';
import { prepareAccountDeletion } from '../accounts/deletion';

export interface AuthDeps {
	db: Db;
	mailer: Mailer;
	publicUrl: string;
	secret: string;
}

/**
 * better-auth owns passwords, sessions, e-mail verification and reset tokens. The platform calls it
 * through `auth.api.*` from its own endpoints and pages and does not mount better-auth's HTTP handler,
 * so there is one public API (`/api/v1`) with one error shape.
 */
export function createAuth({ db, mailer, publicUrl, secret }: AuthDeps) {
	const link = (path: string, token: string) => `${publicUrl}${path}?token=${encodeURIComponent(token)}`;
	return betterAuth({
		appName: 'Cities of Learning',
		baseURL: publicUrl,
		basePath: '/api/auth',
		secret,
		telemetry: { enabled: false },
		database: drizzleAdapter(db, {
			provider: 'pg',
			schema: { user: users, session: authSessions, account: authAccounts, verification: authVerifications }
		}),
		advanced: {
			database: { generateId: 'uuid' },
			cookiePrefix: 'col',
			useSecureCookies: publicUrl.startsWith('https://'),
			defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', path: '/' }
		},
		// Login and registration are rate-limited by the platform's own limiter (shared by all instances).
		rateLimit: { enabled: false },
		session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24, freshAge: 0 },
		user: {
			additionalFields: {
				locale: { type: 'string', required: false, input: true },
				isPlatformAdmin: { type: 'boolean', required: false, input: false, defaultValue: false }
			},
			changeEmail: { enabled: true, updateEmailWithoutVerification: false },
			deleteUser: {
				enabled: true,
				beforeDelete: async (user) => {
					const problem = await prepareAccountDeletion(db, user.id);
					if (problem) throw new APIError('CONFLICT', { code: problem.code, message: problem.message });
				}
			}
		},
		emailAndPassword: {
			enabled: true,
			autoSignIn: true,
			minPasswordLength: PASSWORD_MIN_LENGTH,
			maxPasswordLength: PASSWORD_MAX_LENGTH,
			password: { hash: hashPassword, verify: verifyPassword },
			revokeSessionsOnPasswordReset: true,
			resetPasswordTokenExpiresIn: 60 * 60,
			sendResetPassword: async ({ user, token }) => {
				await mailer.send(passwordResetMail(user, link('/reset-password', token)));
			},
			// Whoever can read the account's mail may sign in again at once: the reset lifts a lockout.
			onPasswordReset: async ({ user }) => {
				await clearSignInFailures(db, user.email);
			}
		},
		emailVerification: {
			sendOnSignUp: true,
			autoSignInAfterVerification: false,
			expiresIn: 60 * 60 * 24 * 3,
			sendVerificationEmail: async ({ user, token }) => {
				await mailer.send(verifyEmailMail(user, link('/verify-email', token)));
			}
		},
		plugins: [bearer()]
	});
}

export type Auth = ReturnType<typeof createAuth>;
