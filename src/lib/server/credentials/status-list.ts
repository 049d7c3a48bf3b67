import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { createCredential, createList } from '@digitalbazaar/vc-bitstring-status-list';
import type { Db } from '../db/database';
import { AppError } from '../http/errors';
import { credentials, statusListCounters } from './schema';
import { organisationDid, statusListUrl } from './did';
import { credentialDate, signCredential } from './openbadge';
import type { Ed25519KeyPair } from '@digitalbazaar/ed25519-multikey';

/** Entries in an organisation's list: 131,072 bits (16 KB), the smallest size the specification allows. */
export const STATUS_LIST_LENGTH = 131_072;

/**
 * Takes the next `count` free positions in the organisation's list (in the caller's transaction, or
 * on their own) and returns the first. Positions taken by an award that then fails stay unused: a
 * lost bit costs nothing, a shared one would revoke two credentials.
 */
export async function allocateStatusIndexes(tx: Db, organisation: { id: string; cityId: string }, count = 1): Promise<number> {
	const [row] = await tx
		.insert(statusListCounters)
		.values({ organisationId: organisation.id, cityId: organisation.cityId, nextIndex: count })
		.onConflictDoUpdate({ target: statusListCounters.organisationId, set: { nextIndex: sql`${statusListCounters.nextIndex} + ${count}` } })
		.returning({ next: statusListCounters.nextIndex });
	const first = row!.next - count;
	if (row!.next > STATUS_LIST_LENGTH) throw new AppError('invalid_state', `The revocation list of this organisation is full (${STATUS_LIST_LENGTH} credentials).`);
	return first;
}

const signedLists = new Map<string, { version: string; document: Record<string, unknown> }>();

/**
 * The organisation's signed BitstringStatusListCredential, with a bit set for every revoked credential.
 * One query reads the revoked positions; the signed list is kept per version (how many revocations,
 * and the latest), so a revocation shows at once on every instance while an unchanged list is not
 * signed again.
 */
export async function revocationList(db: Db, publicUrl: string, organisationId: string, keyPair: () => Promise<Ed25519KeyPair>, now: Date) {
	const revoked = await db
		.select({ index: credentials.statusIndex, at: credentials.revokedAt })
		.from(credentials)
		.where(and(eq(credentials.organisationId, organisationId), isNotNull(credentials.revokedAt)));
	const latest = Math.max(0, ...revoked.map((r) => r.at!.getTime()));
	const version = `${revoked.length}:${latest}`;
	const cached = signedLists.get(organisationId);
	if (cached?.version === version) return cached.document;
	const list = await createList({ length: STATUS_LIST_LENGTH });
	for (const { index } of revoked) list.setStatus(index, true);
	const unsigned = await createCredential({ id: statusListUrl(publicUrl, organisationId), list, statusPurpose: 'revocation' });
	unsigned.issuer = organisationDid(publicUrl, organisationId);
	unsigned.validFrom = credentialDate(now);
	const document = await signCredential(unsigned, await keyPair());
	signedLists.set(organisationId, { version, document });
	return document;
}
