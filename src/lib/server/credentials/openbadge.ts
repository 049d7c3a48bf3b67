import crypto from 'node:crypto';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import type { Ed25519KeyPair } from '@digitalbazaar/ed25519-multikey';
import type { FrameworkCatalog } from '../frameworks/catalog';
import type { BadgeDescription } from '../activities/schema';
import type { LocalizedText } from '../db/columns';
import { pickText } from '../../i18n/locales';
import { documentLoader } from './loader';
import { credentialUrl, organisationDid, statusListUrl } from './did';

export const OB3_CONTEXTS = [
	'https://www.w3.org/ns/credentials/v2',
	'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
	'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'
];
export const OB3_SCHEMA = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

/** A date as credentials write it: UTC to the second (`2026-11-30T05:20:36Z`). */
export const credentialDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** `sha256$<hex>` of the trimmed, lower-cased e-mail followed by the salt (Open Badges identity hash). */
export function hashEmail(email: string, salt: string): string {
	return `sha256$${crypto.createHash('sha256').update(email.trim().toLowerCase() + salt).digest('hex')}`;
}

export interface AwardFacts {
	credentialId: string;
	publicUrl: string;
	organisation: { id: string; name: string; email: string | null };
	/** What the badge belongs to: an activity, or a playlist (a pathway of activities). */
	achievement: BadgeOwner & { badge: BadgeDescription; skills: string[] };
	/** The languages to write the credential in, most wanted first (a credential has one language). */
	locales: string[];
	/** The learner's account id, or null for an award to an e-mail that has no account yet. */
	learner: { id: string | null; email: string; name: string };
	narrative: string | null;
	/** A public link the learner gave as evidence (their portfolio, a video). */
	evidenceUrl?: string | null;
	statusIndex: number;
	issuedAt: Date;
	validUntil: Date | null;
	/** Earlier credentials this one rests on (a playlist's badge lists its activities' credentials). */
	evidenceCredentials?: { url: string; name: string }[];
	/** Signed EndorsementCredentials of the badge, carried in the achievement. */
	endorsements?: Record<string, unknown>[];
}

/**
 * When a credential of this badge, awarded at `issuedAt`, stops being valid: a number of months
 * later, or at the end of a fixed day (UTC); null for a badge that never expires.
 */
export function badgeValidUntil(badge: BadgeDescription, issuedAt: Date): Date | null {
	if (badge.expiresOn) return new Date(`${badge.expiresOn}T23:59:59Z`);
	if (!badge.validForMonths) return null;
	const until = new Date(issuedAt);
	until.setUTCMonth(until.getUTCMonth() + badge.validForMonths);
	return until;
}

/** An unsigned Open Badges 3.0 `OpenBadgeCredential` for one award. */
export function buildCredential(facts: AwardFacts, catalog: FrameworkCatalog): Record<string, unknown> {
	const did = organisationDid(facts.publicUrl, facts.organisation.id);
	const salt = crypto.randomBytes(12).toString('hex');
	const [first = 'en', ...fallbacks] = facts.locales;
	const text = (value: LocalizedText) => pickText(value, first, fallbacks)?.text ?? '';
	const name = text(facts.achievement.badge.name);
	const list = statusListUrl(facts.publicUrl, facts.organisation.id);
	const alignment = facts.achievement.skills.flatMap((skillId) => {
		const item = catalog.item(skillId);
		if (!item) return [];
		return [
			{
				type: ['Alignment'],
				targetName: item.title,
				targetUrl: item.uri ?? `${facts.publicUrl}/frameworks/${item.frameworkId}#${encodeURIComponent(item.id)}`,
				targetFramework: catalog.framework(item.frameworkId)?.name ?? item.frameworkId,
				targetCode: item.code,
				...(item.description ? { targetDescription: item.description.slice(0, 1000) } : {})
			}
		];
	});
	const issuedAt = credentialDate(facts.issuedAt);
	return {
		'@context': OB3_CONTEXTS,
		id: credentialUrl(facts.publicUrl, facts.credentialId),
		type: ['VerifiableCredential', 'OpenBadgeCredential'],
		name,
		issuer: {
			id: did,
			type: ['Profile'],
			name: facts.organisation.name,
			url: `${facts.publicUrl}/organisations/${facts.organisation.id}`,
			...(facts.organisation.email ? { email: facts.organisation.email } : {})
		},
		validFrom: issuedAt,
		...(facts.validUntil ? { validUntil: credentialDate(facts.validUntil) } : {}),
		awardedDate: issuedAt,
		credentialSubject: {
			type: ['AchievementSubject'],
			...(facts.learner.id ? { id: `urn:uuid:${facts.learner.id}` } : {}),
			identifier: [{ type: 'IdentityObject', identityHash: hashEmail(facts.learner.email, salt), identityType: 'emailAddress', hashed: true, salt }],
			achievement: {
				id: achievementIdOf(facts.publicUrl, facts.achievement),
				type: ['Achievement'],
				achievementType: 'Badge',
				name,
				description: text(facts.achievement.badge.description) || name,
				criteria: { narrative: text(facts.achievement.badge.criteria) || name },
				// Wallets show the caption as the image's alt text; without one written, the badge's name.
				image: { id: `${badgeOwnerUrl(facts.publicUrl, facts.achievement)}/badge.png`, type: 'Image', caption: text(facts.achievement.badge.imageAlt ?? {}) || name },
				...(alignment.length ? { alignment } : {}),
				...(facts.achievement.badge.tags?.length ? { tag: facts.achievement.badge.tags } : {}),
				...(facts.endorsements?.length ? { endorsement: facts.endorsements } : {}),
				creator: { id: did, type: ['Profile'], name: facts.organisation.name }
			}
		},
		...evidenceOf(facts),
		credentialSchema: [{ id: OB3_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
		credentialStatus: {
			id: `${list}#${facts.statusIndex}`,
			type: 'BitstringStatusListEntry',
			statusPurpose: 'revocation',
			statusListIndex: String(facts.statusIndex),
			statusListCredential: list
		}
	};
}

/**
 * Signs with a Data Integrity proof (eddsa-rdfc-2022). The proof is returned as an array, the form the
 * Open Badges 3.0 schema requires; the libraries verify either form.
 */
export async function signCredential(credential: Record<string, unknown>, keyPair: Ed25519KeyPair): Promise<Record<string, unknown>> {
	const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022 });
	// Signing reads only the bundled contexts; no DID is resolved.
	const signed = await vc.issue({ credential, suite, documentLoader: documentLoader(async () => undefined) });
	return { ...signed, proof: ([] as unknown[]).concat(signed.proof) };
}

/** The achievement id every credential of an activity's badge carries. */
export const achievementId = (publicUrl: string, activityId: string) => `${publicUrl}/activities/${activityId}#badge`;

export interface BadgeOwner {
	kind: 'activity' | 'playlist';
	id: string;
}
/** The public page of what a badge belongs to: `/activities/{id}` or `/playlists/{id}`. */
export const badgeOwnerUrl = (publicUrl: string, owner: BadgeOwner) => `${publicUrl}/${owner.kind === 'activity' ? 'activities' : 'playlists'}/${owner.id}`;
export const achievementIdOf = (publicUrl: string, owner: BadgeOwner) => `${badgeOwnerUrl(publicUrl, owner)}#badge`;

/** The learner's narrative and link, and the credentials this one rests on, as Open Badges `Evidence`. */
function evidenceOf(facts: AwardFacts) {
	const evidence: Record<string, unknown>[] = [];
	if (facts.narrative || facts.evidenceUrl) {
		evidence.push({ ...(facts.evidenceUrl ? { id: facts.evidenceUrl } : {}), type: ['Evidence'], ...(facts.narrative ? { narrative: facts.narrative } : {}) });
	}
	for (const earlier of facts.evidenceCredentials ?? []) evidence.push({ id: earlier.url, type: ['Evidence'], name: earlier.name });
	return evidence.length ? { evidence } : {};
}

/** An unsigned Open Badges 3.0 `EndorsementCredential`: an organisation vouching for a badge. */
export function buildEndorsement(facts: { id: string; publicUrl: string; endorser: { id: string; name: string; email: string | null }; activityId: string; badgeName: string; comment: string; issuedAt: Date }) {
	const did = organisationDid(facts.publicUrl, facts.endorser.id);
	return {
		'@context': OB3_CONTEXTS,
		id: `${facts.publicUrl}/endorsements/${facts.id}`,
		type: ['VerifiableCredential', 'EndorsementCredential'],
		name: `${facts.endorser.name} endorses ${facts.badgeName}`,
		issuer: { id: did, type: ['Profile'], name: facts.endorser.name, url: `${facts.publicUrl}/organisations/${facts.endorser.id}`, ...(facts.endorser.email ? { email: facts.endorser.email } : {}) },
		validFrom: credentialDate(facts.issuedAt),
		credentialSubject: { id: achievementId(facts.publicUrl, facts.activityId), type: ['EndorsementSubject'], endorsementComment: facts.comment }
	};
}
