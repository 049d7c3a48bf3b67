import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { authorize, requireUser } from '../policies/policies';
import { AppError, invalidState, notFound } from '../http/errors';
import { users } from '../accounts/schema';
import { activities } from '../activities/schema';
import { activityColumns } from '../activities/queries';
import { cities } from '../cities/schema';
import { organisations } from '../organisations/schema';
import { enrolments, HOLDS_PLACE } from '../enrolments/schema';
import { credentials } from './schema';
import { rotateIssuerKey, issuerContext } from './issuer';
import { findOrganisationScope } from '../organisations/queries';
import { badgeValidUntil, buildCredential } from './openbadge';
import { storeNewCredential } from './store';
import { awardDuePlaylistBadges } from '../playlists/badge';
import type { BadgeDescription } from '../activities/schema';
import { endorsementDocuments } from './endorsements';
import { recordAudit } from '../platform/audit';

type Deps = Pick<AppContext, 'db' | 'config' | 'frameworks' | 'credentialSecret' | 'now' | 'mailer' | 'logger'>;
export type CredentialRow = typeof credentials.$inferSelect;


/** What one award needs: the enrolment's activity, organisation, city and learner, in one query. */
export async function loadAwardSubject(app: Pick<Deps, 'db'>, enrolmentId: string) {
	const [row] = await app.db
		.select({ enrolment: enrolments, activity: activityColumns, organisation: organisations, learner: { id: users.id, email: users.email, name: users.name }, city: { defaultLocale: cities.defaultLocale } })
		.from(enrolments)
		.innerJoin(activities, eq(activities.id, enrolments.activityId))
		.innerJoin(organisations, eq(organisations.id, activities.organisationId))
		.innerJoin(cities, eq(cities.id, activities.cityId))
		.innerJoin(users, eq(users.id, enrolments.userId))
		.where(eq(enrolments.id, enrolmentId));
	return row;
}
export type AwardSubject = NonNullable<Awaited<ReturnType<typeof loadAwardSubject>>>;

/**
 * Awards the activity's badge to an enrolled learner: one signed credential per learner and activity.
 * A repeated or concurrent award returns the credential already issued (`created: false`).
 */
export async function awardEnrolment(app: Deps, actor: Actor, enrolmentId: string, input: { narrative?: string | undefined }) {
	const user = requireUser(actor);
	const row = await loadAwardSubject(app, enrolmentId);
	if (!row) throw notFound('Enrolment');
	authorize(actor, 'credential.award', { cityId: row.activity.cityId, organisationId: row.organisation.id });
	return issueOnce(app, row, { narrative: input.narrative ?? null, awardedBy: user.user.id });
}

/** The credential a learner already holds for an activity, under any path that awards it. */
export async function heldCredential(app: Pick<Deps, 'db'>, activityId: string, learner: { id: string; email: string }) {
	// A bulk award may have reached this learner's e-mail before they had an account.
	return (await findByAwardKey(app, `activity:${activityId}:user:${learner.id}`)) ?? (await findByAwardKey(app, `activity:${activityId}:email:${learner.email.trim().toLowerCase()}`));
}

/**
 * Issues the badge once. The unique award key decides, inside the transaction that also takes the
 * status list position, so that nothing is issued twice and no position is lost to a rolled-back award.
 */
export async function issueOnce(app: Deps, row: AwardSubject, options: { narrative: string | null; evidenceUrl?: string | null; awardedBy: string }) {
	const awardKey = `activity:${row.activity.id}:user:${row.learner.id}`;
	const existing = await heldCredential(app, row.activity.id, row.learner);
	if (existing) return { credential: existing, created: false };
	if (row.organisation.status !== 'approved') throw invalidState('Only an approved organisation can award badges.');
	if (!HOLDS_PLACE.includes(row.enrolment.status)) throw invalidState(`This learner cannot be awarded: their enrolment is "${row.enrolment.status}".`);
	if (!row.activity.badge) throw invalidState('This activity has no badge.');

	const issuedAt = app.now();
	const validUntil = expiryOf(row.activity.badge, issuedAt);
	const endorsed = await endorsementDocuments(app, row.activity.id);
	const created = await storeNewCredential(app, {
		issuer: { id: row.organisation.id, cityId: row.organisation.cityId },
		awardKey,
		build: (credentialId, statusIndex) =>
			buildCredential(
				{
					credentialId,
					publicUrl: app.config.publicUrl,
					organisation: row.organisation,
					achievement: { kind: 'activity', id: row.activity.id, badge: row.activity.badge!, skills: row.activity.skills },
					// The city's language first, then the languages the activity is written in.
					locales: [row.city.defaultLocale, ...Object.keys(row.activity.title)],
					learner: row.learner,
					narrative: options.narrative,
					evidenceUrl: options.evidenceUrl ?? null,
					statusIndex,
					issuedAt,
					validUntil,
					endorsements: endorsed
				},
				app.frameworks
			),
		row: { activityId: row.activity.id, enrolmentId: row.enrolment.id, userId: row.learner.id, awardedBy: options.awardedBy, issuedAt, validUntil },
		audit: { activityId: row.activity.id, learnerId: row.learner.id },
		alsoWrite: (tx) => tx.update(enrolments).set({ status: 'completed' }).where(eq(enrolments.id, row.enrolment.id))
	});
	if (created) {
		await awardDuePlaylistBadges(app, row.learner.id, [row.activity.id]);
		return { credential: created, created: true };
	}
	const winner = await findByAwardKey(app, awardKey);
	if (!winner) throw new AppError('internal', 'The award could not be completed.');
	return { credential: winner, created: false };
}


/** The badge's expiry for an award now; a badge whose fixed day has passed cannot be awarded. */
export function expiryOf(badge: BadgeDescription, issuedAt: Date): Date | null {
	const validUntil = badgeValidUntil(badge, issuedAt);
	if (validUntil && validUntil <= issuedAt) throw invalidState(`This badge expired on ${badge.expiresOn}: change its expiry date to award it.`);
	return validUntil;
}

async function findByAwardKey(app: Pick<Deps, 'db'>, awardKey: string) {
	const [row] = await app.db.select().from(credentials).where(eq(credentials.awardKey, awardKey));
	return row;
}

export async function findCredential(app: Pick<Deps, 'db'>, id: string): Promise<CredentialRow | undefined> {
	const [row] = await app.db.select().from(credentials).where(eq(credentials.id, id));
	return row;
}

/** Revokes with a reason; the status list shows it at once. Revoking twice is a 409. */
export async function revokeCredential(app: Deps, actor: Actor, id: string, reason: string) {
	const user = requireUser(actor);
	const credential = await findCredential(app, id);
	if (!credential) throw notFound('Credential');
	authorize(actor, 'credential.revoke', { cityId: credential.cityId, organisationId: credential.organisationId });
	return app.db.transaction(async (tx) => {
		const [revoked] = await tx
			.update(credentials)
			.set({ revokedAt: app.now(), revocationReason: reason, revokedBy: user.user.id })
			.where(and(eq(credentials.id, id), isNull(credentials.revokedAt)))
			.returning();
		if (!revoked) throw invalidState('This credential is already revoked.');
		await recordAudit(tx, { cityId: credential.cityId, actorId: user.user.id, action: 'credential.revoke', targetType: 'credential', targetId: id, data: { reason } });
		return revoked;
	});
}

/** The signed-in learner's credentials, newest first (waiting ones are theirs once the e-mail is verified). */
export async function listMyCredentials(app: Pick<Deps, 'db'>, actor: Actor) {
	const user = requireUser(actor);
	return app.db.select().from(credentials).where(eq(credentials.userId, user.user.id)).orderBy(desc(credentials.issuedAt));
}

/**
 * The credentials issued for an activity, newest first, with whom they went to: for the organisation's
 * members (the same people who may award).
 */
export async function listActivityCredentials(app: Pick<Deps, 'db'>, actor: Actor, activityId: string, page: { limit: number; offset: number }) {
	const [activity] = await app.db.select({ cityId: activities.cityId, organisationId: activities.organisationId }).from(activities).where(eq(activities.id, activityId));
	if (!activity) throw notFound('Activity');
	authorize(actor, 'credential.award', activity);
	const where = eq(credentials.activityId, activityId);
	const [rows, [total]] = await Promise.all([
		app.db
			.select({ credential: credentials, learner: { name: users.name, email: users.email } })
			.from(credentials)
			.leftJoin(users, eq(users.id, credentials.userId))
			.where(where)
			.orderBy(desc(credentials.issuedAt), desc(credentials.id))
			.limit(page.limit)
			.offset(page.offset),
		app.db.select({ n: count() }).from(credentials).where(where)
	]);
	return { rows, total: Number(total?.n ?? 0) };
}

/** An organisation's owners and admins rotate its signing key; the DID document keeps the old one. */
export async function rotateOrganisationKey(app: Deps, actor: Actor, organisationId: string) {
	const user = requireUser(actor);
	const organisation = await findOrganisationScope(app.db, organisationId);
	if (!organisation) throw notFound('Organisation');
	authorize(actor, 'issuer.rotateKey', { cityId: organisation.cityId, organisationId: organisation.id });
	const rotated = await rotateIssuerKey(issuerContext(app), organisation, app.now());
	await recordAudit(app.db, { cityId: organisation.cityId, actorId: user.user.id, action: 'issuer.rotate_key', targetType: 'organisation', targetId: organisation.id, data: { keyId: rotated.keyId } });
	return rotated;
}
