import type { AppContext } from '../app/context';
import { API_TOKEN_PREFIX, findUserByApiToken } from '../accounts/api-tokens';
import { OB3_TOKEN_PREFIX } from '../ob3api/prefixes';
import { loadActor, VISITOR, type Actor, type ActorUser } from './actor';

/** A user row (better-auth's, or ours) as an actor's user. */
export function toActorUser(user: {
	id: string;
	name: string;
	email: string;
	emailVerified: boolean;
	locale?: string | null;
	isPlatformAdmin?: boolean | null;
	createdAt: Date;
}): ActorUser {
	return {
		id: user.id,
		name: user.name,
		email: user.email,
		emailVerified: user.emailVerified,
		locale: user.locale ?? null,
		isPlatformAdmin: Boolean(user.isPlatformAdmin),
		createdAt: new Date(user.createdAt)
	};
}

const SESSION_COOKIE = 'col.session_token';

/**
 * Whether a request carries anything that could sign someone in (an Authorization header, a session
 * cookie); without it the sender is a visitor, and no database lookup is needed to know it.
 */
export function mayBeSignedIn(authorization: string | null | undefined, cookie: string | null | undefined): boolean {
	return Boolean(authorization) || (cookie?.includes(SESSION_COOKIE) ?? false);
}

/**
 * Finds who sent a request: a personal API token (`Authorization: Bearer col_pat_...`), else a
 * better-auth session from the cookie or from `Authorization: Bearer <session token>`, else a visitor.
 */
export async function resolveActor(app: Pick<AppContext, 'db' | 'auth'>, headers: Headers): Promise<Actor> {
	const authorization = headers.get('authorization') ?? '';
	const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
	// Open Badges API tokens open only that API, which checks them itself; they sign no one in here.
	if (bearer?.startsWith(OB3_TOKEN_PREFIX)) return VISITOR;
	if (bearer?.startsWith(API_TOKEN_PREFIX)) {
		const user = await findUserByApiToken(app.db, bearer);
		return user ? loadActor(app.db, toActorUser(user), 'api_token') : VISITOR;
	}
	if (!bearer && !headers.get('cookie')?.includes(SESSION_COOKIE)) return VISITOR;
	const session = await app.auth.api.getSession({ headers });
	if (!session) return VISITOR;
	return loadActor(app.db, toActorUser(session.user), 'session');
}
