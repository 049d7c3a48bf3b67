import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { hashSecret, newSecret } from '../shared/secrets';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Db } from '../db/database';
import { OAuthError } from './http';
import { findClient, type ClientRow } from './registration';
import { includesAll, parseScopeParameter } from './scopes';
import { ob3AuthorizationCodes, ob3Connections, ob3Tokens } from './schema';
import { OB3_TOKEN_PREFIX } from './prefixes';

/**
 * The token endpoint (RFC 6749 section 3.2) and revocation (RFC 7009). Tokens are opaque random
 * strings kept as SHA-256 hashes; their prefixes say what they are, so a leaked one is recognisable
 * and the request hook can tell them from session tokens without a lookup.
 */
export const ACCESS_TOKEN_PREFIX = `${OB3_TOKEN_PREFIX}a_`;
export const REFRESH_TOKEN_PREFIX = `${OB3_TOKEN_PREFIX}r_`;
export const ACCESS_TOKEN_SECONDS = 3600;
const REFRESH_TOKEN_SECONDS = 180 * 86_400;

type Deps = Pick<AppContext, 'db' | 'now'>;

/** The client, authenticated by HTTP Basic (RFC 6749 2.3.1: form-encoded id and secret) or by the form. */
export async function authenticateClient(db: Db, authorization: string | null, form: URLSearchParams): Promise<ClientRow> {
	let id = form.get('client_id') ?? '';
	let secret = form.get('client_secret') ?? '';
	const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '')?.[1];
	if (basic) {
		const decoded = Buffer.from(basic, 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		try {
			[id, secret] = colon < 0 ? ['', ''] : [decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')), decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '))];
		} catch {
			[id, secret] = ['', ''];
		}
	}
	const client = id && secret ? await findClient(db, id) : undefined;
	if (!client || !sameHash(client.secretHash, hashSecret(secret))) {
		throw new OAuthError('invalid_client', 'Client authentication failed.', 401, { 'www-authenticate': 'Basic realm="ob3"' });
	}
	return client;
}

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function exchangeCode(app: Deps, client: ClientRow, form: URLSearchParams) {
	const code = form.get('code') ?? '';
	const verifier = form.get('code_verifier') ?? '';
	if (!code) throw new OAuthError('invalid_request', 'code is missing.');
	if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) throw new OAuthError('invalid_request', 'code_verifier is missing or malformed (43 to 128 unreserved characters).');
	const now = app.now();
	const codeHash = hashSecret(code);
	// Using a code marks it used in the same statement, so two concurrent exchanges cannot both succeed.
	const [used] = await app.db
		.update(ob3AuthorizationCodes)
		.set({ usedAt: now })
		.where(and(eq(ob3AuthorizationCodes.codeHash, codeHash), eq(ob3AuthorizationCodes.clientId, client.id), isNull(ob3AuthorizationCodes.usedAt)))
		.returning();
	if (!used) {
		await revokeAfterCodeReuse(app.db, codeHash, client.id);
		throw new OAuthError('invalid_grant', 'The code is unknown, was already used, or belongs to another client.');
	}
	if (used.expiresAt <= now) throw new OAuthError('invalid_grant', 'The code has expired.');
	if (form.get('redirect_uri') !== used.redirectUri) throw new OAuthError('invalid_grant', 'redirect_uri does not match the one the code was issued to.');
	const challenge = createHash('sha256').update(verifier).digest('base64url');
	if (challenge !== used.codeChallenge) throw new OAuthError('invalid_grant', 'code_verifier does not match the code_challenge.');
	return issueTokens(app, { connectionId: used.connectionId, clientId: client.id, family: randomUUID(), scopes: used.scopes });
}

/**
 * A code presented twice means it leaked: what the first exchange gave is revoked too (RFC 6749
 * section 4.1.2), by ending the learner's connection to this client; they can connect again.
 */
async function revokeAfterCodeReuse(db: Db, codeHash: string, clientId: string): Promise<void> {
	const [reused] = await db
		.select({ connectionId: ob3AuthorizationCodes.connectionId })
		.from(ob3AuthorizationCodes)
		.where(and(eq(ob3AuthorizationCodes.codeHash, codeHash), eq(ob3AuthorizationCodes.clientId, clientId)));
	if (reused) await db.delete(ob3Tokens).where(eq(ob3Tokens.connectionId, reused.connectionId));
}

/**
 * Rotation: the refresh token is spent and replaced; scopes may narrow, never widen. Spending and
 * issuing are one transaction, so a refused request (a wider scope) leaves the token usable.
 */
export async function refresh(app: Deps, client: ClientRow, form: URLSearchParams) {
	const token = form.get('refresh_token') ?? '';
	if (!token) throw new OAuthError('invalid_request', 'refresh_token is missing.');
	const now = app.now();
	return app.db.transaction(async (tx) => {
		const [spent] = await tx
			.delete(ob3Tokens)
			.where(and(eq(ob3Tokens.tokenHash, hashSecret(token)), eq(ob3Tokens.kind, 'refresh'), eq(ob3Tokens.clientId, client.id), gt(ob3Tokens.expiresAt, now)))
			.returning();
		if (!spent) throw new OAuthError('invalid_grant', 'The refresh token is unknown, expired, revoked or already used.');
		const requested = form.get('scope');
		const scopes = requested ? parseScopeParameter(requested) : spent.scopes;
		if (!scopes || scopes.length === 0 || !includesAll(spent.scopes, scopes)) throw new OAuthError('invalid_scope', 'A refresh may keep or narrow the scopes, never add to them.');
		return issueTokens({ ...app, db: tx }, { connectionId: spent.connectionId, clientId: client.id, family: spent.family, scopes });
	});
}

async function issueTokens(app: Deps, grant: { connectionId: string; clientId: string; family: string; scopes: string[] }) {
	const now = app.now();
	const access = newSecret(ACCESS_TOKEN_PREFIX);
	const refreshToken = newSecret(REFRESH_TOKEN_PREFIX);
	const row = (token: string, kind: 'access' | 'refresh', seconds: number) => ({
		tokenHash: hashSecret(token),
		kind,
		...grant,
		expiresAt: new Date(now.getTime() + seconds * 1000),
		createdAt: now
	});
	await app.db.insert(ob3Tokens).values([row(access, 'access', ACCESS_TOKEN_SECONDS), row(refreshToken, 'refresh', REFRESH_TOKEN_SECONDS)]);
	return { access_token: access, token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS, refresh_token: refreshToken, scope: grant.scopes.join(' ') };
}

/**
 * RFC 7009: the client's own token is revoked; a refresh token takes its whole family with it. An
 * unknown token is not an error (section 2.2), so nothing is learnt from the answer.
 */
export async function revokeToken(db: Db, client: ClientRow, form: URLSearchParams): Promise<void> {
	const token = form.get('token') ?? '';
	if (!token) throw new OAuthError('invalid_request', 'token is missing.');
	const [revoked] = await db
		.delete(ob3Tokens)
		.where(and(eq(ob3Tokens.tokenHash, hashSecret(token)), eq(ob3Tokens.clientId, client.id)))
		.returning({ kind: ob3Tokens.kind, family: ob3Tokens.family });
	if (revoked?.kind === 'refresh') await db.delete(ob3Tokens).where(eq(ob3Tokens.family, revoked.family));
}

export interface Ob3Grant {
	userId: string;
	connectionId: string;
	scopes: string[];
}

/** Whose data a Bearer access token opens, and to what; undefined when it is not valid now. */
export async function findAccessGrant(db: Db, token: string, now: Date): Promise<Ob3Grant | undefined> {
	if (!token.startsWith(ACCESS_TOKEN_PREFIX)) return undefined;
	const [row] = await db
		.select({ userId: ob3Connections.userId, connectionId: ob3Connections.id, scopes: ob3Tokens.scopes, lastUsedAt: ob3Connections.lastUsedAt })
		.from(ob3Tokens)
		.innerJoin(ob3Connections, eq(ob3Connections.id, ob3Tokens.connectionId))
		.where(and(eq(ob3Tokens.tokenHash, hashSecret(token)), eq(ob3Tokens.kind, 'access'), gt(ob3Tokens.expiresAt, now)));
	if (!row) return undefined;
	// The connected-apps page says when an app last used its access; once a minute is precise enough.
	if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
		await db.update(ob3Connections).set({ lastUsedAt: now }).where(eq(ob3Connections.id, row.connectionId));
	}
	return { userId: row.userId, connectionId: row.connectionId, scopes: row.scopes };
}

/** Expired tokens and codes are of no use to anyone: the hourly clean-up removes them. */
export async function pruneExpiredGrants(db: Deps['db'], now = new Date()): Promise<void> {
	await db.delete(ob3Tokens).where(lt(ob3Tokens.expiresAt, now));
	await db.delete(ob3AuthorizationCodes).where(lt(ob3AuthorizationCodes.expiresAt, now));
}
