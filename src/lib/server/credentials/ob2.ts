import { eq } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import { notFound } from '../http/errors';
import { activities, type BadgeDescription } from '../activities/schema';
import { playlistItems, playlists } from '../playlists/schema';
import { badgeOwnerUrl, type BadgeOwner } from './openbadge';
import { cities } from '../cities/schema';
import { organisations } from '../organisations/schema';
import { pickText } from '../../i18n/locales';
import type { CredentialRow } from './service';

/**
 * Open Badges 2.0 hosted views of the same awards, for backpacks and verifiers that predate 3.0: an
 * `Assertion` per credential, a `BadgeClass` per activity and an `Issuer` per organisation, each a
 * JSON-LD document at its own URL (hosted verification: the assertion is genuine because it is
 * served from the issuer's own origin).
 */
export const OB2_CONTEXT = 'https://w3id.org/openbadges/v2';

export const ob2AssertionUrl = (publicUrl: string, credentialId: string) => `${publicUrl}/ob2/assertions/${credentialId}`;
/** An activity's or a playlist's badge class: ids are UUIDs, so one path serves both. */
export const ob2BadgeUrl = (publicUrl: string, badgeOwnerId: string) => `${publicUrl}/ob2/badges/${badgeOwnerId}`;
export const ob2IssuerUrl = (publicUrl: string, organisationId: string) => `${publicUrl}/ob2/issuers/${organisationId}`;

type Json = Record<string, unknown>;
const asArray = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

/** The assertion, or for a revoked credential what OB 2.0 verifiers expect: `revoked: true`. */
export function ob2Assertion(publicUrl: string, credential: CredentialRow): Json {
	const id = ob2AssertionUrl(publicUrl, credential.id);
	const owner: BadgeOwner = credential.playlistId ? { kind: 'playlist', id: credential.playlistId } : { kind: 'activity', id: credential.activityId ?? '' };
	if (credential.revokedAt) {
		return { '@context': OB2_CONTEXT, id, type: 'Assertion', revoked: true, revocationReason: credential.revocationReason ?? 'Revoked by the issuer.' };
	}
	const subject = credential.document.credentialSubject as { identifier?: Json[] };
	const identity = asArray(subject.identifier).find((entry) => entry.identityType === 'emailAddress');
	const evidence = asArray(credential.document.evidence).map((entry) => ({ ...(entry.id ? { id: entry.id } : {}), ...(entry.narrative ? { narrative: entry.narrative } : {}) }));
	return {
		'@context': OB2_CONTEXT,
		id,
		type: 'Assertion',
		recipient: { type: 'email', hashed: true, ...(identity?.salt ? { salt: identity.salt } : {}), identity: identity?.identityHash },
		badge: ob2BadgeUrl(publicUrl, owner.id),
		verification: { type: 'hosted' },
		issuedOn: credential.issuedAt.toISOString(),
		...(credential.validUntil ? { expires: credential.validUntil.toISOString() } : {}),
		...(evidence.length ? { evidence } : {}),
		image: `${badgeOwnerUrl(publicUrl, owner)}/badge.png`
	};
}

interface BadgeSource {
	owner: BadgeOwner;
	title: Record<string, string>;
	badge: BadgeDescription | null;
	skills: string[];
	status: string;
	organisationId: string;
	locale: string;
}

/** What a badge class is drawn from: a published (or archived) activity, or else such a playlist. */
async function badgeSource(app: Pick<AppContext, 'db'>, id: string): Promise<BadgeSource | undefined> {
	const [activity] = await app.db
		.select({ id: activities.id, title: activities.title, badge: activities.badge, skills: activities.skills, status: activities.status, organisationId: activities.organisationId, locale: cities.defaultLocale })
		.from(activities)
		.innerJoin(cities, eq(cities.id, activities.cityId))
		.where(eq(activities.id, id));
	if (activity) return { ...activity, owner: { kind: 'activity', id } };
	const [playlist] = await app.db
		.select({ title: playlists.title, badge: playlists.badge, skills: playlists.skills, status: playlists.status, organisationId: playlists.organisationId, locale: cities.defaultLocale })
		.from(playlists)
		.innerJoin(cities, eq(cities.id, playlists.cityId))
		.where(eq(playlists.id, id));
	if (!playlist) return undefined;
	// A playlist without skills of its own develops those of its activities.
	const skills = playlist.skills.length
		? playlist.skills
		: [...new Set((await app.db.select({ skills: activities.skills }).from(playlistItems).innerJoin(activities, eq(activities.id, playlistItems.activityId)).where(eq(playlistItems.playlistId, id))).flatMap((row) => row.skills))];
	return { ...playlist, skills, owner: { kind: 'playlist', id } };
}

/** The badge as an OB 2.0 BadgeClass, in the city's language (as its credentials are). */
export async function ob2BadgeClass(app: Pick<AppContext, 'db' | 'config' | 'frameworks'>, id: string): Promise<Json> {
	const row = await badgeSource(app, id);
	if (!row?.badge || (row.status !== 'published' && row.status !== 'archived')) throw notFound('Badge');
	const { publicUrl } = app.config;
	const fallbacks = Object.keys(row.title);
	const text = (value: Record<string, string>) => pickText(value, row.locale, fallbacks)?.text ?? '';
	const name = text(row.badge.name);
	const alignment = row.skills.flatMap((skillId) => {
		const item = app.frameworks.item(skillId);
		if (!item) return [];
		return [
			{
				targetName: item.title,
				targetUrl: item.uri ?? `${publicUrl}/frameworks/${item.frameworkId}#${encodeURIComponent(item.id)}`,
				targetFramework: app.frameworks.framework(item.frameworkId)?.name ?? item.frameworkId,
				targetCode: item.code,
				...(item.description ? { targetDescription: item.description.slice(0, 1000) } : {})
			}
		];
	});
	const page = badgeOwnerUrl(publicUrl, row.owner);
	return {
		'@context': OB2_CONTEXT,
		id: ob2BadgeUrl(publicUrl, id),
		type: 'BadgeClass',
		name,
		description: text(row.badge.description) || name,
		image: `${page}/badge.png`,
		criteria: { id: page, narrative: text(row.badge.criteria) || name },
		issuer: ob2IssuerUrl(publicUrl, row.organisationId),
		...(alignment.length ? { alignment } : {}),
		...(row.badge.tags?.length ? { tags: row.badge.tags } : {})
	};
}

export async function ob2Issuer(app: Pick<AppContext, 'db' | 'config'>, organisationId: string): Promise<Json> {
	const [row] = await app.db.select().from(organisations).where(eq(organisations.id, organisationId));
	if (!row || row.status === 'pending') throw notFound('Issuer');
	const { publicUrl } = app.config;
	return {
		'@context': OB2_CONTEXT,
		id: ob2IssuerUrl(publicUrl, row.id),
		type: 'Issuer',
		name: row.name,
		url: row.website ?? `${publicUrl}/organisations/${row.id}`,
		...(row.email ? { email: row.email } : {})
	};
}
