import { desc, eq, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { AppContext } from '../app/context';
import type { SignedInActor } from '../auth/actor';
import { credentials } from '../credentials/schema';
import { presentWalletCard, type CardSource, type WalletCard } from './cards';
import { importedCredentials } from './schema';
import { skillProfile, type EvidenceSource } from './skill-profile';

type Deps = Pick<AppContext, 'db' | 'frameworks' | 'now'>;

/**
 * The part of a signed credential the wallet reads: its name, issuer name and skill alignment. The
 * whole document (proof, description, criteria, endorsements) is several kilobytes per badge; a
 * wallet of 500 badges read them all on every visit only to throw them away.
 */
function cardDocument(column: AnyPgColumn): SQL<Record<string, unknown>> {
	return sql<Record<string, unknown>>`jsonb_build_object(
		'name', ${column}->'name',
		'issuer', jsonb_build_object('name', ${column}->'issuer'->'name'),
		'credentialSubject', jsonb_build_object('achievement', jsonb_build_object('alignment', ${column}->'credentialSubject'->'achievement'->'alignment')))`;
}

async function myCardSources(app: Pick<Deps, 'db'>, userId: string): Promise<CardSource[]> {
	return app.db
		.select({ id: credentials.id, document: cardDocument(credentials.document), issuedAt: credentials.issuedAt, validUntil: credentials.validUntil, revokedAt: credentials.revokedAt })
		.from(credentials)
		.where(eq(credentials.userId, userId))
		.orderBy(desc(credentials.issuedAt), desc(credentials.id));
}

/** Badges the learner imported, as far as the wallet reads them (the checks stay on the badges page). */
async function myImportedSources(app: Pick<Deps, 'db'>, userId: string) {
	return app.db
		.select({
			id: importedCredentials.id,
			document: cardDocument(importedCredentials.document),
			name: importedCredentials.achievementName,
			issuer: importedCredentials.issuerName,
			issuedAt: importedCredentials.issuedAt,
			createdAt: importedCredentials.createdAt,
			valid: importedCredentials.valid
		})
		.from(importedCredentials)
		.where(eq(importedCredentials.userId, userId));
}

/** The credentials this platform issued to the learner, as wallet cards, newest first. */
export async function myWalletCards(app: Deps, actor: SignedInActor): Promise<WalletCard[]> {
	const now = app.now();
	return (await myCardSources(app, actor.user.id)).map((row) => presentWalletCard(row, app.frameworks, now));
}

/**
 * Everything in the wallet: badges issued here and badges imported from elsewhere, newest first. An
 * imported badge that did not verify is still the learner's record and is shown, marked so.
 */
export async function myWalletWithImports(app: Deps, actor: SignedInActor): Promise<WalletCard[]> {
	const now = app.now();
	const [issued, imported] = await Promise.all([myWalletCards(app, actor), myImportedSources(app, actor.user.id)]);
	const importedCards = imported.map((row): WalletCard => {
		const card = presentWalletCard({ id: row.id, document: row.document, issuedAt: row.issuedAt ?? row.createdAt, validUntil: null, revokedAt: null }, app.frameworks, now);
		return { ...card, source: 'imported', name: row.name ?? card.name, issuer: row.issuer ?? card.issuer, status: row.valid ? 'valid' : 'unverified' };
	});
	return [...issued, ...importedCards].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
}

/**
 * The learner's skill profile: evidence per framework competence from every credential they hold,
 * including imported Open Badges 3.0 credentials that verified (their alignments count when they name
 * an ESCO skill or one of our framework items). One that did not verify is no evidence.
 */
export async function mySkillProfile(app: Pick<Deps, 'db' | 'frameworks'>, actor: SignedInActor) {
	const [issued, imported] = await Promise.all([myCardSources(app, actor.user.id), myImportedSources(app, actor.user.id)]);
	const evidence: EvidenceSource[] = [...issued, ...imported.filter((row) => row.valid).map((row) => ({ id: row.id, document: row.document, revokedAt: null }))];
	return skillProfile(evidence, app.frameworks);
}
