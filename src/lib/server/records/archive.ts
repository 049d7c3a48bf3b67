import { asc, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import { apiTokens, users } from '../accounts/schema';
import { guardianConsents, learnerProfiles } from '../learners/schema';
import { enrolments } from '../enrolments/schema';
import { activities } from '../activities/schema';
import { credentials, evidenceSubmissions } from '../credentials/schema';
import { playlistFollowers, playlists } from '../playlists/schema';
import { memberships, organisations } from '../organisations/schema';
import { cities, cityAdmins } from '../cities/schema';
import { auditEvents } from '../platform/schema';
import { notFound } from '../http/errors';
import { importedCredentials } from '../wallet/schema';

/**
 * Everything the platform keeps about one person, as one JSON document they can download (the right
 * of access and portability). Secrets are left out (password hash, token hashes, the calendar feed
 * secret); evidence files are listed with the link that downloads each.
 */
export async function buildArchive(app: Pick<AppContext, 'db' | 'config' | 'now'>, userId: string) {
	const { db } = app;
	const [account] = await db
		.select({ id: users.id, email: users.email, emailVerified: users.emailVerified, name: users.name, locale: users.locale, createdAt: users.createdAt })
		.from(users)
		.where(eq(users.id, userId));
	if (!account) throw notFound('Account');
	const [profile, joined, evidence, held, followed, memberOf, adminOf, tokens, actions, imported, guardian] = await Promise.all([
		db.select().from(learnerProfiles).where(eq(learnerProfiles.userId, userId)),
		db
			.select({ activityId: enrolments.activityId, title: activities.title, status: enrolments.status, joinedAt: enrolments.joinedAt, leftAt: enrolments.leftAt, createdAt: enrolments.createdAt })
			.from(enrolments)
			.innerJoin(activities, eq(activities.id, enrolments.activityId))
			.where(eq(enrolments.userId, userId))
			.orderBy(asc(enrolments.createdAt)),
		db.select().from(evidenceSubmissions).where(eq(evidenceSubmissions.userId, userId)).orderBy(asc(evidenceSubmissions.createdAt)),
		db.select().from(credentials).where(eq(credentials.userId, userId)).orderBy(desc(credentials.issuedAt)),
		db
			.select({ playlistId: playlistFollowers.playlistId, title: playlists.title, followedAt: playlistFollowers.followedAt })
			.from(playlistFollowers)
			.innerJoin(playlists, eq(playlists.id, playlistFollowers.playlistId))
			.where(eq(playlistFollowers.userId, userId)),
		db
			.select({ organisationId: organisations.id, name: organisations.name, role: memberships.role })
			.from(memberships)
			.innerJoin(organisations, eq(organisations.id, memberships.organisationId))
			.where(eq(memberships.userId, userId)),
		db.select({ city: cities.slug, name: cities.name }).from(cityAdmins).innerJoin(cities, eq(cities.id, cityAdmins.cityId)).where(eq(cityAdmins.userId, userId)),
		db.select({ name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, expiresAt: apiTokens.expiresAt }).from(apiTokens).where(eq(apiTokens.userId, userId)),
		db
			.select({ action: auditEvents.action, targetType: auditEvents.targetType, targetId: auditEvents.targetId, at: auditEvents.createdAt })
			.from(auditEvents)
			.where(eq(auditEvents.actorId, userId))
			.orderBy(desc(auditEvents.createdAt))
			.limit(5000),
		db.select().from(importedCredentials).where(eq(importedCredentials.userId, userId)).orderBy(desc(importedCredentials.createdAt)),
		db
			.select({ guardianName: guardianConsents.guardianName, guardianEmail: guardianConsents.guardianEmail, requestedAt: guardianConsents.requestedAt, confirmedAt: guardianConsents.confirmedAt })
			.from(guardianConsents)
			.where(eq(guardianConsents.userId, userId))
	]);
	const { publicUrl } = app.config;
	const learningProfile = profile[0] ? { ...profile[0], calendarTokenHash: undefined } : null;
	return {
		exportedAt: app.now().toISOString(),
		platform: publicUrl,
		account,
		learningProfile,
		guardianConsent: guardian[0] ?? null,
		enrolments: joined,
		evidence: evidence.map((row) => ({
			id: row.id,
			activityId: row.activityId,
			text: row.text,
			link: row.link,
			file: row.fileKey ? { name: row.fileName, type: row.fileType, size: row.fileSize, url: `${publicUrl}/api/v1/evidence/${row.id}/file` } : null,
			status: row.status,
			reviewComment: row.reviewComment,
			reviewedAt: row.reviewedAt,
			credentialId: row.credentialId,
			createdAt: row.createdAt
		})),
		credentials: held.map((row) => ({
			id: row.id,
			url: `${publicUrl}/credentials/${row.id}`,
			activityId: row.activityId,
			playlistId: row.playlistId,
			issuedAt: row.issuedAt,
			validUntil: row.validUntil,
			revoked: row.revokedAt ? { at: row.revokedAt, reason: row.revocationReason } : null,
			credential: row.document
		})),
		importedCredentials: imported.map((row) => ({ id: row.id, format: row.format, valid: row.valid, issuer: row.issuerName, name: row.achievementName, issuedAt: row.issuedAt, sourceUrl: row.sourceUrl, importedAt: row.createdAt, credential: row.document, ...(row.jwt ? { jwt: row.jwt } : {}) })),
		playlists: followed,
		organisations: memberOf,
		cityAdminOf: adminOf,
		apiTokens: tokens,
		actions
	};
}
