import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import type { AppContext } from './context';
import { users } from '../accounts/schema';
import { platformSettings } from '../platform/schema';
import { AppError } from '../http/errors';
import { translateAuthError } from '../auth/auth-errors';

type Deps = Pick<AppContext, 'db' | 'auth' | 'config'>;

export async function platformAdminCount(db: AppContext['db']): Promise<number> {
	const [row] = await db.select({ admins: count() }).from(users).where(eq(users.isPlatformAdmin, true));
	return row?.admins ?? 0;
}

/**
 * Creates a platform admin, or promotes the account that already uses this address (its password is
 * left as it is). Used by ADMIN_EMAIL/ADMIN_PASSWORD, the CLI and the first-run setup page.
 */
export async function ensurePlatformAdmin(
	app: Deps,
	input: { email: string; password: string; name: string; locale?: string }
): Promise<{ created: boolean; userId: string; token?: string; headers?: Headers }> {
	const email = input.email.trim().toLowerCase();
	const [existing] = await app.db.select({ id: users.id }).from(users).where(eq(users.email, email));
	if (existing) {
		await app.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, existing.id));
		return { created: false, userId: existing.id };
	}
	try {
		const { headers, response } = await app.auth.api.signUpEmail({
			body: { email, password: input.password, name: input.name, locale: input.locale },
			returnHeaders: true
		});
		await app.db.update(users).set({ isPlatformAdmin: true, emailVerified: true }).where(eq(users.id, response.user.id));
		return { created: true, userId: response.user.id, token: response.token ?? undefined, headers };
	} catch (error) {
		translateAuthError(error);
	}
}

const SETUP_KEY = 'setup_token';
const digest = (token: string) => createHash('sha256').update(token).digest();

/**
 * While no platform admin exists, a one-time setup token (printed on the console at start) lets the
 * person who runs the platform create the first admin in the browser. A new start makes a new token.
 */
export async function issueSetupToken(db: AppContext['db']): Promise<string> {
	const token = randomBytes(18).toString('base64url');
	const value = sql`${JSON.stringify({ sha256: digest(token).toString('hex') })}::jsonb`;
	await db
		.insert(platformSettings)
		.values({ key: SETUP_KEY, value })
		.onConflictDoUpdate({ target: platformSettings.key, set: { value } });
	return token;
}

export async function isSetupOpen(db: AppContext['db']): Promise<boolean> {
	return (await platformAdminCount(db)) === 0;
}

export async function completeSetup(
	app: Deps,
	token: string,
	input: { email: string; password: string; name: string; locale?: string }
) {
	if (!(await isSetupOpen(app.db))) throw new AppError('invalid_state', 'The platform already has an admin.');
	const [row] = await app.db.select().from(platformSettings).where(eq(platformSettings.key, SETUP_KEY));
	const stored = (row?.value as { sha256?: string } | undefined)?.sha256;
	const given = digest(token);
	if (!stored || !timingSafeEqual(Buffer.from(stored, 'hex'), given)) {
		throw new AppError('invalid_token', 'The setup code is wrong. Use the link printed when the platform started.', [
			{ path: 'token', code: 'invalid_token', message: 'The setup code is wrong.' }
		]);
	}
	const result = await ensurePlatformAdmin(app, input);
	await app.db.delete(platformSettings).where(eq(platformSettings.key, SETUP_KEY));
	return result;
}
