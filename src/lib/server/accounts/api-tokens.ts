import { hashSecret, newSecret } from '../shared/secrets';
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db } from '../db/database';
import { apiTokens, users } from './schema';
import { notFound } from '../http/errors';

/** Personal API tokens start with this, so that a leaked one is recognisable (secret scanners, logs). */
export const API_TOKEN_PREFIX = 'col_pat_';


export async function createApiToken(
	db: Db,
	userId: string,
	input: { name: string; expiresInDays?: number | undefined },
	now = new Date()
) {
	const token = newSecret(API_TOKEN_PREFIX);
	const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
	const [row] = await db
		.insert(apiTokens)
		.values({ userId, name: input.name, tokenHash: hashSecret(token), prefix: token.slice(0, 14), expiresAt })
		.returning();
	return { ...row!, token };
}

export function listApiTokens(db: Db, userId: string) {
	return db
		.select({
			id: apiTokens.id,
			name: apiTokens.name,
			prefix: apiTokens.prefix,
			createdAt: apiTokens.createdAt,
			expiresAt: apiTokens.expiresAt,
			lastUsedAt: apiTokens.lastUsedAt
		})
		.from(apiTokens)
		.where(eq(apiTokens.userId, userId))
		.orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Db, userId: string, tokenId: string) {
	const deleted = await db
		.delete(apiTokens)
		.where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
		.returning({ id: apiTokens.id });
	if (deleted.length === 0) throw notFound('API token');
}

/** The user a valid, unexpired token belongs to; records when it was last used (at most once a minute). */
export async function findUserByApiToken(db: Db, token: string, now = new Date()) {
	const [row] = await db
		.select({ user: users, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
		.from(apiTokens)
		.innerJoin(users, eq(users.id, apiTokens.userId))
		.where(and(eq(apiTokens.tokenHash, hashSecret(token)), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))));
	if (!row) return undefined;
	if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
		await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
	}
	return row.user;
}
