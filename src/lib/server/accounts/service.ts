import { eq } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { SignedInActor } from '../auth/actor';
import { decodeJwt } from 'jose';
import { translateAuthError } from '../auth/auth-errors';
import { claimWaitingCredentials } from '../credentials/bulk';
import { enforceRateLimit } from '../ratelimit/rate-limiter';
import { clearSignInFailures, recordFailedSignIn, refuseWhileLocked } from './lockout';
import { AppError } from '../http/errors';
import { cities, cityAdmins } from '../cities/schema';
import { memberships, organisations } from '../organisations/schema';
import { users } from './schema';
import { presentUser } from './presenters';
import type { MeDto } from './schemas';

type Deps = Pick<AppContext, 'auth' | 'db' | 'config' | 'frameworks' | 'credentialSecret' | 'now' | 'mailer' | 'logger'>;

/** What the caller needs to sign the person in: the session token and better-auth's Set-Cookie headers. */
export interface SignedInResult {
	user: ReturnType<typeof presentUser>;
	token: string;
	headers: Headers;
}

export interface RequestMeta {
	headers: Headers;
	clientAddress: string;
}

export async function register(
	app: Deps,
	input: { email: string; password: string; name: string; locale?: string | undefined },
	meta: RequestMeta
): Promise<SignedInResult> {
	await enforceRateLimit(app.db, [`register:ip:${meta.clientAddress}`], app.config.rateLimits.register);
	try {
		const { headers, response } = await app.auth.api.signUpEmail({
			body: { email: input.email, password: input.password, name: input.name, locale: input.locale },
			headers: meta.headers,
			returnHeaders: true
		});
		if (!response.token) throw new AppError('internal', 'The account was created but no session was started.');
		return { user: presentUser(response.user), token: response.token, headers };
	} catch (error) {
		translateAuthError(error);
	}
}

export async function login(
	app: Deps,
	input: { email: string; password: string },
	meta: RequestMeta
): Promise<SignedInResult> {
	// Per address and per account, so that one noisy network cannot lock everybody out of one account.
	await enforceRateLimit(
		app.db,
		[`login:ip:${meta.clientAddress}`, `login:email:${input.email}`],
		app.config.rateLimits.login
	);
	const now = app.now();
	await refuseWhileLocked(app.db, input.email, now);
	let signedIn: SignedInResult;
	try {
		const { headers, response } = await app.auth.api.signInEmail({
			body: { email: input.email, password: input.password, rememberMe: true },
			headers: meta.headers,
			returnHeaders: true
		});
		signedIn = { user: presentUser(response.user), token: response.token, headers };
	} catch (error) {
		try {
			translateAuthError(error);
		} catch (translated) {
			if (translated instanceof AppError && translated.code === 'invalid_credentials') {
				await recordFailedSignIn(app.db, input.email, app.config.accountLockout, now);
			}
			throw translated;
		}
	}
	await clearSignInFailures(app.db, input.email);
	return signedIn;
}

/** Ends the session the request carries; returns the headers that clear the cookie. */
export async function logout(app: Deps, headers: Headers): Promise<Headers> {
	try {
		const result = await app.auth.api.signOut({ headers, returnHeaders: true });
		return result.headers;
	} catch {
		return new Headers(); // no session to end: signing out is still done
	}
}

export async function verifyEmail(app: Deps, token: string): Promise<void> {
	try {
		await app.auth.api.verifyEmail({ query: { token } });
	} catch (error) {
		translateAuthError(error);
	}
	// The address is now proven: badges awarded to it before the account existed become its own.
	const userId = (decodeJwt(token) as { userId?: unknown }).userId;
	if (typeof userId !== 'string') return;
	const [user] = await app.db.select({ id: users.id, email: users.email, emailVerified: users.emailVerified }).from(users).where(eq(users.id, userId));
	if (user) await claimWaitingCredentials(app, user);
}

export async function resendVerification(app: Deps, actor: SignedInActor): Promise<void> {
	if (actor.user.emailVerified) throw new AppError('invalid_state', 'Your e-mail address is already verified.');
	try {
		await app.auth.api.sendVerificationEmail({ body: { email: actor.user.email } });
	} catch (error) {
		translateAuthError(error);
	}
}

/** Always succeeds, whether or not the address has an account, so that it reveals nothing. */
export async function requestPasswordReset(app: Deps, email: string, meta: RequestMeta): Promise<void> {
	await enforceRateLimit(app.db, [`reset:ip:${meta.clientAddress}`], app.config.rateLimits.register);
	try {
		await app.auth.api.requestPasswordReset({ body: { email } });
	} catch (error) {
		translateAuthError(error);
	}
}

export async function resetPassword(app: Deps, token: string, newPassword: string): Promise<void> {
	try {
		await app.auth.api.resetPassword({ body: { token, newPassword } });
	} catch (error) {
		translateAuthError(error);
	}
}

function requireSession(actor: SignedInActor): void {
	if (actor.via !== 'session') {
		throw new AppError('forbidden', 'Personal API tokens cannot change passwords, e-mail addresses or delete accounts; sign in.');
	}
}

/** Changes the password and ends every other session; returns the new session's cookie headers. */
export async function changePassword(
	app: Deps,
	actor: SignedInActor,
	input: { currentPassword: string; newPassword: string },
	headers: Headers
): Promise<{ token: string | null; headers: Headers }> {
	requireSession(actor);
	try {
		const result = await app.auth.api.changePassword({
			body: { ...input, revokeOtherSessions: true },
			headers,
			returnHeaders: true
		});
		return { token: result.response.token, headers: result.headers };
	} catch (error) {
		translateAuthError(error, { password: 'currentPassword' });
	}
}

/** Sends a confirmation link to the new address; the address changes when it is followed. */
export async function changeEmail(app: Deps, actor: SignedInActor, newEmail: string, headers: Headers): Promise<void> {
	requireSession(actor);
	if (newEmail === actor.user.email) {
		throw new AppError('validation_failed', 'This is already your e-mail address.', [
			{ path: 'newEmail', code: 'same_email', message: 'This is already your e-mail address.' }
		]);
	}
	try {
		await app.auth.api.changeEmail({ body: { newEmail }, headers });
	} catch (error) {
		translateAuthError(error);
	}
}

export async function deleteAccount(app: Deps, actor: SignedInActor, password: string, headers: Headers): Promise<void> {
	requireSession(actor);
	try {
		await app.auth.api.deleteUser({ body: { password }, headers });
	} catch (error) {
		translateAuthError(error);
	}
}

export async function updateProfile(
	app: Pick<AppContext, 'db'>,
	actor: SignedInActor,
	input: { name?: string | undefined; locale?: string | null | undefined }
) {
	const [row] = await app.db
		.update(users)
		.set({
			...(input.name !== undefined ? { name: input.name } : {}),
			...(input.locale !== undefined ? { locale: input.locale } : {})
		})
		.where(eq(users.id, actor.user.id))
		.returning();
	return presentUser(row!);
}

/** The signed-in person with the cities they administer and the organisations they belong to. */
export async function describeMe(app: Pick<AppContext, 'db'>, actor: SignedInActor): Promise<MeDto> {
	const [adminOf, memberOf] = await Promise.all([
		app.db
			.select({ id: cities.id, slug: cities.slug, name: cities.name })
			.from(cityAdmins)
			.innerJoin(cities, eq(cities.id, cityAdmins.cityId))
			.where(eq(cityAdmins.userId, actor.user.id))
			.orderBy(cities.name),
		app.db
			.select({
				organisationId: organisations.id,
				organisationName: organisations.name,
				cityId: organisations.cityId,
				role: memberships.role
			})
			.from(memberships)
			.innerJoin(organisations, eq(organisations.id, memberships.organisationId))
			.where(eq(memberships.userId, actor.user.id))
			.orderBy(organisations.name)
	]);
	return { ...presentUser(actor.user), cityAdminOf: adminOf, memberships: memberOf };
}
