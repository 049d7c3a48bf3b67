import { and, asc, eq } from 'drizzle-orm';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { Db } from '../db/database';
import type { AppContext } from '../app/context';
import { issuerKeys } from './schema';
import { didDocument, organisationDid } from './did';
import { open, seal } from './secret';

export interface IssuerContext {
	db: Db;
	publicUrl: string;
	credentialSecret: Buffer;
}

/** What signing needs from the app: the database, the public origin and the key-sealing secret. */
export const issuerContext = (app: Pick<AppContext, 'db' | 'config' | 'credentialSecret'>): IssuerContext => ({
	db: app.db,
	publicUrl: app.config.publicUrl,
	credentialSecret: app.credentialSecret
});

/**
 * The organisation's active signing key pair, created on first use. Two instances creating it at once
 * both try to insert; the unique index on the active key keeps one, and both then read it.
 */
export async function activeKeyPair(ctx: IssuerContext, organisation: { id: string; cityId: string }) {
	const did = organisationDid(ctx.publicUrl, organisation.id);
	let [row] = await ctx.db
		.select()
		.from(issuerKeys)
		.where(and(eq(issuerKeys.organisationId, organisation.id), eq(issuerKeys.active, true)));
	if (!row) {
		const existing = await ctx.db.select({ fragment: issuerKeys.fragment }).from(issuerKeys).where(eq(issuerKeys.organisationId, organisation.id));
		const fragment = `key-${existing.length + 1}`;
		const generated = await Ed25519Multikey.generate({ id: `${did}#${fragment}`, controller: did });
		const exported = await generated.export({ publicKey: true, secretKey: true, includeContext: false });
		await ctx.db
			.insert(issuerKeys)
			.values({
				cityId: organisation.cityId,
				organisationId: organisation.id,
				fragment,
				publicKeyMultibase: exported.publicKeyMultibase!,
				secretKeyEncrypted: seal(ctx.credentialSecret, exported.secretKeyMultibase!)
			})
			.onConflictDoNothing();
		[row] = await ctx.db
			.select()
			.from(issuerKeys)
			.where(and(eq(issuerKeys.organisationId, organisation.id), eq(issuerKeys.active, true)));
		if (!row) throw new Error(`No active signing key for organisation ${organisation.id}.`);
	}
	return Ed25519Multikey.from({
		type: 'Multikey',
		id: `${did}#${row.fragment}`,
		controller: did,
		publicKeyMultibase: row.publicKeyMultibase,
		secretKeyMultibase: open(ctx.credentialSecret, row.secretKeyEncrypted)
	});
}

/** The organisation's DID document: every key it ever had (none before its first award). */
export async function organisationDidDocument(ctx: Pick<IssuerContext, 'db' | 'publicUrl'>, organisationId: string) {
	const keys = await ctx.db
		.select({ fragment: issuerKeys.fragment, publicKeyMultibase: issuerKeys.publicKeyMultibase })
		.from(issuerKeys)
		.where(eq(issuerKeys.organisationId, organisationId))
		.orderBy(asc(issuerKeys.createdAt));
	return didDocument(organisationDid(ctx.publicUrl, organisationId), keys);
}

/**
 * Retires the organisation's active key and makes a new one (a key that may have leaked, or a
 * periodic change). The retired key stays in the DID document, so everything it signed still
 * verifies; new credentials are signed with the new key. One transaction: never two active keys,
 * never none once there was one.
 */
export async function rotateIssuerKey(ctx: IssuerContext, organisation: { id: string; cityId: string }, now = new Date()) {
	const did = organisationDid(ctx.publicUrl, organisation.id);
	return ctx.db.transaction(async (tx) => {
		const existing = await tx.select({ fragment: issuerKeys.fragment }).from(issuerKeys).where(eq(issuerKeys.organisationId, organisation.id));
		await tx.update(issuerKeys).set({ active: false, retiredAt: now }).where(and(eq(issuerKeys.organisationId, organisation.id), eq(issuerKeys.active, true)));
		const fragment = `key-${existing.length + 1}`;
		const generated = await Ed25519Multikey.generate({ id: `${did}#${fragment}`, controller: did });
		const exported = await generated.export({ publicKey: true, secretKey: true, includeContext: false });
		const [created] = await tx
			.insert(issuerKeys)
			.values({ cityId: organisation.cityId, organisationId: organisation.id, fragment, publicKeyMultibase: exported.publicKeyMultibase!, secretKeyEncrypted: seal(ctx.credentialSecret, exported.secretKeyMultibase!) })
			.returning({ fragment: issuerKeys.fragment, createdAt: issuerKeys.createdAt });
		return { keyId: `${did}#${created!.fragment}`, retired: existing.length };
	});
}
