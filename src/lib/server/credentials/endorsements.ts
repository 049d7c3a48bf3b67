import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { authorize, requireUser } from '../policies/policies';
import { AppError, invalidState, notFound } from '../http/errors';
import { activities } from '../activities/schema';
import { cities } from '../cities/schema';
import { organisations } from '../organisations/schema';
import { recordAudit } from '../platform/audit';
import { pickText } from '../../i18n/locales';
import { endorsements } from './schema';
import { activeKeyPair, issuerContext } from './issuer';
import { buildEndorsement, signCredential } from './openbadge';

type Deps = Pick<AppContext, 'db' | 'config' | 'credentialSecret' | 'now'>;
export type EndorsementRow = typeof endorsements.$inferSelect;

/**
 * An organisation endorses another organisation's badge: its owners or admins write why, and the
 * platform signs an EndorsementCredential with the endorser's own key. One standing endorsement per
 * organisation and badge; withdrawing it lets them endorse again later.
 */
export async function endorseBadge(app: Deps, actor: Actor, activityId: string, input: { organisationId: string; comment: string }) {
	const user = requireUser(actor);
	const [activity] = await app.db
		.select({ id: activities.id, cityId: activities.cityId, organisationId: activities.organisationId, status: activities.status, badge: activities.badge, title: activities.title, locale: cities.defaultLocale })
		.from(activities)
		.innerJoin(cities, eq(cities.id, activities.cityId))
		.where(eq(activities.id, activityId));
	if (!activity || (activity.status !== 'published' && activity.status !== 'archived')) throw notFound('Activity');
	const [endorser] = await app.db.select().from(organisations).where(eq(organisations.id, input.organisationId));
	if (!endorser) throw new AppError('validation_failed', 'Unknown organisation.', [{ path: 'organisationId', code: 'unknown_organisation', message: 'Unknown organisation.' }]);
	authorize(actor, 'badge.endorse', { cityId: endorser.cityId, organisationId: endorser.id });
	if (endorser.status !== 'approved') throw invalidState('Only an approved organisation can endorse badges.');
	if (endorser.id === activity.organisationId) throw invalidState('An organisation cannot endorse its own badge.');
	if (!activity.badge) throw invalidState('This activity has no badge.');

	const id = crypto.randomUUID();
	const badgeName = pickText(activity.badge.name, activity.locale, Object.keys(activity.title))?.text ?? '';
	const keyPair = await activeKeyPair(issuerContext(app), { id: endorser.id, cityId: endorser.cityId });
	const unsigned = buildEndorsement({ id, publicUrl: app.config.publicUrl, endorser, activityId, badgeName, comment: input.comment, issuedAt: app.now() });
	const document = await signCredential(unsigned, keyPair);
	return app.db.transaction(async (tx) => {
		const [created] = await tx
			.insert(endorsements)
			.values({ id, cityId: activity.cityId, activityId, endorserOrganisationId: endorser.id, comment: input.comment, document, createdBy: user.user.id })
			.onConflictDoNothing()
			.returning();
		if (!created) throw invalidState('This organisation already endorses this badge.');
		await recordAudit(tx, { cityId: activity.cityId, actorId: user.user.id, action: 'badge.endorse', targetType: 'activity', targetId: activityId, data: { endorsementId: id, endorser: endorser.id } });
		return created;
	});
}

/** The endorser takes it back: no longer shown nor put in new credentials (issued ones keep theirs). */
export async function withdrawEndorsement(app: Deps, actor: Actor, endorsementId: string) {
	const user = requireUser(actor);
	const [row] = await app.db.select().from(endorsements).where(eq(endorsements.id, endorsementId));
	if (!row) throw notFound('Endorsement');
	const [endorser] = await app.db.select({ cityId: organisations.cityId }).from(organisations).where(eq(organisations.id, row.endorserOrganisationId));
	authorize(actor, 'badge.endorse', { cityId: endorser?.cityId ?? row.cityId, organisationId: row.endorserOrganisationId });
	const [withdrawn] = await app.db
		.update(endorsements)
		.set({ withdrawnAt: app.now() })
		.where(and(eq(endorsements.id, endorsementId), isNull(endorsements.withdrawnAt)))
		.returning();
	if (!withdrawn) throw invalidState('This endorsement is already withdrawn.');
	await recordAudit(app.db, { cityId: row.cityId, actorId: user.user.id, action: 'badge.endorsement_withdrawn', targetType: 'activity', targetId: row.activityId, data: { endorsementId } });
	return withdrawn;
}

/** A badge's standing endorsements, oldest first, with who endorsed. */
export async function listBadgeEndorsements(app: Pick<Deps, 'db'>, activityId: string) {
	return app.db
		.select({ endorsement: endorsements, endorser: { id: organisations.id, name: organisations.name } })
		.from(endorsements)
		.innerJoin(organisations, eq(organisations.id, endorsements.endorserOrganisationId))
		.where(and(eq(endorsements.activityId, activityId), isNull(endorsements.withdrawnAt)))
		.orderBy(asc(endorsements.createdAt));
}

/** The signed documents to carry in a credential of this badge. */
export async function endorsementDocuments(app: Pick<Deps, 'db'>, activityId: string) {
	return (await listBadgeEndorsements(app, activityId)).map((row) => row.endorsement.document);
}

export async function findEndorsement(app: Pick<Deps, 'db'>, id: string): Promise<EndorsementRow | undefined> {
	const [row] = await app.db.select().from(endorsements).where(eq(endorsements.id, id));
	return row;
}

/** The organisations `actor` may endorse this badge for: approved, theirs to speak for, not its issuer. */
export async function endorsingOrganisations(app: Pick<Deps, 'db'>, actor: Actor, activity: { id: string; organisationId: string }, standing: { endorser: { id: string } }[]) {
	if (actor.kind !== 'user') return [];
	const ids = [...actor.memberships.entries()].filter(([id, m]) => (m.role === 'owner' || m.role === 'admin') && id !== activity.organisationId).map(([id]) => id);
	if (ids.length === 0) return [];
	const rows = await app.db.select({ id: organisations.id, name: organisations.name, status: organisations.status }).from(organisations).where(inArray(organisations.id, ids));
	const already = new Set(standing.map((s) => s.endorser.id));
	return rows.filter((row) => row.status === 'approved' && !already.has(row.id)).map(({ id, name }) => ({ id, name }));
}
