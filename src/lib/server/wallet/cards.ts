import type { FrameworkCatalog } from '../frameworks/catalog';
import type { CredentialRow } from '../credentials/service';
import { alignedItems, evidencedCompetences } from './evidence';

/** `unverified`: an imported badge whose checks did not all pass (expired, revoked, issuer unreachable). */
export type CredentialStatus = 'valid' | 'revoked' | 'expired' | 'unverified';

export interface WalletCard {
	id: string;
	/** Issued on this platform (with its own pages), or imported from elsewhere (kept with its checks). */
	source: 'issued' | 'imported';
	name: string;
	issuer: string;
	issuedAt: string;
	validUntil: string | null;
	status: CredentialStatus;
	/** The skills the badge names, as written in it. */
	skills: { id: string; title: string; framework: string }[];
	/** Frameworks and competences it gives evidence for: what the filters match on. */
	frameworkIds: string[];
	competenceIds: string[];
}

export function credentialStatus(row: Pick<CredentialRow, 'revokedAt' | 'validUntil'>, now: Date): CredentialStatus {
	if (row.revokedAt) return 'revoked';
	if (row.validUntil && row.validUntil < now) return 'expired';
	return 'valid';
}

/** A short framework name for tight spaces: "LifeComp" rather than its full title. */
export function frameworkShortName(catalog: FrameworkCatalog, frameworkId: string): string {
	const name = catalog.framework(frameworkId)?.name ?? frameworkId;
	return name.split(/[:(]/)[0]!.trim();
}

/** What a card needs of a credential: the document only for its name, issuer and alignment. */
export type CardSource = Pick<CredentialRow, 'id' | 'document' | 'issuedAt' | 'validUntil' | 'revokedAt'>;

/** A credential as the wallet lists it; the signed document stays behind its links. */
export function presentWalletCard(row: CardSource, catalog: FrameworkCatalog, now: Date): WalletCard {
	const issuer = row.document.issuer as { name?: string } | undefined;
	const skills = alignedItems(row.document, catalog);
	const competences = evidencedCompetences(row.document, catalog);
	return {
		id: row.id,
		source: 'issued',
		name: String(row.document.name ?? ''),
		issuer: issuer?.name ?? '',
		issuedAt: row.issuedAt.toISOString(),
		validUntil: row.validUntil?.toISOString() ?? null,
		status: credentialStatus(row, now),
		skills: skills.map((item) => ({ id: item.id, title: item.title, framework: frameworkShortName(catalog, item.frameworkId) })),
		frameworkIds: [...new Set(skills.map((item) => item.frameworkId))],
		competenceIds: competences.map((item) => item.id)
	};
}

export interface WalletFilter {
	framework?: string | undefined;
	skill?: string | undefined;
}

/** A skill filter matches the competence a badge's skill rolls up to, as well as the skill itself. */
export function matchesFilter(card: WalletCard, filter: WalletFilter): boolean {
	if (filter.framework && !card.frameworkIds.includes(filter.framework)) return false;
	if (filter.skill && !card.competenceIds.includes(filter.skill) && !card.skills.some((s) => s.id === filter.skill)) return false;
	return true;
}

/** The choices the filters offer: only frameworks and competences the learner's badges have. */
export function filterOptions(cards: WalletCard[], catalog: FrameworkCatalog) {
	const frameworkIds = new Set(cards.flatMap((card) => card.frameworkIds));
	const competenceIds = new Set(cards.flatMap((card) => card.competenceIds));
	return {
		frameworks: catalog.frameworks.filter((f) => frameworkIds.has(f.id)).map((f) => ({ value: f.id, label: frameworkShortName(catalog, f.id) })),
		skills: catalog.frameworks.flatMap((f) =>
			f.items.filter((item) => competenceIds.has(item.id)).map((item) => ({ value: item.id, label: `${item.title} (${frameworkShortName(catalog, f.id)})` }))
		)
	};
}
