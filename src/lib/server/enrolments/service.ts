import { and, asc, eq, inArray, isNotNull, max, sql } from 'drizzle-orm';
import { csvRows, EXCEL_UTF8_BOM } from '../shared/csv';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { authorize, requireUser } from '../policies/policies';
import { AppError, invalidState, notFound } from '../http/errors';
import { users } from '../accounts/schema';
import { activities } from '../activities/schema';
import { findActivityScope } from '../activities/queries';
import { enrolments, HOLDS_PLACE, type EnrolmentStatus } from './schema';
import { credentials } from '../credentials/schema';
import type { Db } from '../db/database';
import { requireGuardianConsentWhereNeeded } from '../learners/guardian';
import { recordAudit } from '../platform/audit';
import { notifyPromotion, notifyRemoval } from './notify';

type Deps = Pick<AppContext, 'db'>;

const ACTIVE: EnrolmentStatus[] = [...HOLDS_PLACE, 'waitlisted'];

export type EnrolmentRow = typeof enrolments.$inferSelect;

async function lockActivity(tx: Db, activityId: string) {
	const [row] = await tx
		.select({ id: activities.id, cityId: activities.cityId, status: activities.status, capacity: activities.capacity, waitlist: activities.waitlist, endsAt: activities.endsAt, startsAt: activities.startsAt, alwaysOpen: activities.alwaysOpen })
		.from(activities)
		.where(eq(activities.id, activityId))
		.for('update');
	return row;
}

async function placesTaken(tx: Db, activityId: string): Promise<number> {
	const [row] = await tx
		.select({ n: sql<number>`count(*)::int` })
		.from(enrolments)
		.where(and(eq(enrolments.activityId, activityId), inArray(enrolments.status, HOLDS_PLACE)));
	return row?.n ?? 0;
}

/**
 * Joins a published activity that is not over: a place if one is free, else the waiting list (when the
 * activity keeps one), else 409. Joining again changes nothing; the activity row is locked so that two
 * learners cannot take the last place together.
 */
export async function joinActivity(app: Deps, actor: Actor, activityId: string, now = new Date()): Promise<{ enrolment: EnrolmentRow; created: boolean }> {
	authorize(actor, 'activity.join');
	const user = requireUser(actor);
	return app.db.transaction(async (tx) => {
		const activity = await lockActivity(tx, activityId);
		if (!activity || activity.status !== 'published') throw notFound('Activity');
		const over = !activity.alwaysOpen && (activity.endsAt ?? activity.startsAt) !== null && (activity.endsAt ?? activity.startsAt)! < now;
		if (over) throw invalidState('This activity is over.');
		const [existing] = await tx.select().from(enrolments).where(and(eq(enrolments.activityId, activityId), eq(enrolments.userId, user.user.id)));
		if (existing && ACTIVE.includes(existing.status)) return { enrolment: existing, created: false };
		await requireGuardianConsentWhereNeeded(tx, activity.cityId, user.user.id, now);
		const free = activity.capacity === null || (await placesTaken(tx, activityId)) < activity.capacity;
		if (!free && !activity.waitlist) throw new AppError('activity_full', 'This activity is full.');
		let position: number | null = null;
		if (!free) {
			const [last] = await tx.select({ p: max(enrolments.waitlistPosition) }).from(enrolments).where(eq(enrolments.activityId, activityId));
			position = (last?.p ?? 0) + 1;
		}
		const values = {
			status: (free ? 'joined' : 'waitlisted') as EnrolmentStatus,
			waitlistPosition: position,
			joinedAt: free ? now : null,
			leftAt: null,
			reminderSentAt: null
		};
		const [row] = existing
			? await tx.update(enrolments).set(values).where(eq(enrolments.id, existing.id)).returning()
			: await tx.insert(enrolments).values({ ...values, cityId: activity.cityId, activityId, userId: user.user.id }).returning();
		return { enrolment: row!, created: true };
	});
}

/**
 * Leaves an activity. A freed place goes to the first person on the waiting list, whose id is returned
 * so that the caller can tell them.
 */
export async function leaveActivity(app: Deps, actor: Actor, activityId: string, now = new Date()): Promise<{ promotedUserId: string | null }> {
	const user = requireUser(actor);
	return app.db.transaction(async (tx) => {
		const activity = await lockActivity(tx, activityId);
		if (!activity) throw notFound('Activity');
		const [existing] = await tx.select().from(enrolments).where(and(eq(enrolments.activityId, activityId), eq(enrolments.userId, user.user.id)));
		if (!existing || !['joined', 'waitlisted'].includes(existing.status)) throw notFound('Enrolment');
		await tx.update(enrolments).set({ status: 'left', leftAt: now, waitlistPosition: null }).where(eq(enrolments.id, existing.id));
		if (existing.status !== 'joined') return { promotedUserId: null };
		return { promotedUserId: await giveFreedPlace(tx, activity, now) };
	});
}

/** The first person on the waiting list takes a place that was freed, if it is free; returns who. */
async function giveFreedPlace(tx: Db, activity: { id: string; capacity: number | null }, now: Date): Promise<string | null> {
	const [next] = await tx
		.select()
		.from(enrolments)
		.where(and(eq(enrolments.activityId, activity.id), eq(enrolments.status, 'waitlisted')))
		.orderBy(asc(enrolments.waitlistPosition))
		.limit(1);
	const free = activity.capacity === null || (await placesTaken(tx, activity.id)) < activity.capacity;
	if (!next || !free) return null;
	await tx.update(enrolments).set({ status: 'joined', joinedAt: now, waitlistPosition: null }).where(eq(enrolments.id, next.id));
	return next.userId;
}

/**
 * An organiser takes a participant off the activity (or off its waiting list): their enrolment becomes
 * `left`, and a freed place goes to the waiting list as when someone leaves; both people are told by
 * e-mail once it is done. Only a place not yet handed in or completed can be taken back: evidence is
 * rejected through its review, a badge revoked.
 */
export async function removeParticipant(app: Pick<AppContext, 'db' | 'mailer' | 'config'>, actor: Actor, enrolmentId: string, now = new Date()) {
	const { enrolment, promotedUserId } = await takeParticipantOff(app, actor, enrolmentId, now);
	await notifyRemoval(app, enrolment.userId, enrolment.activityId);
	if (promotedUserId) await notifyPromotion(app, promotedUserId, enrolment.activityId);
	return enrolment;
}

async function takeParticipantOff(app: Deps, actor: Actor, enrolmentId: string, now: Date) {
	const [found] = await app.db.select({ activityId: enrolments.activityId }).from(enrolments).where(eq(enrolments.id, enrolmentId));
	const scope = found ? await findActivityScope(app.db, found.activityId) : undefined;
	if (!found || !scope) throw notFound('Enrolment');
	authorize(actor, 'activity.participants', { cityId: scope.cityId, organisationId: scope.organisationId });
	const organiser = requireUser(actor);
	return app.db.transaction(async (tx) => {
		const activity = await lockActivity(tx, found.activityId);
		const [existing] = await tx.select().from(enrolments).where(eq(enrolments.id, enrolmentId));
		if (!activity || !existing) throw notFound('Enrolment');
		if (!['joined', 'waitlisted'].includes(existing.status)) {
			throw invalidState(`This participant’s enrolment is ${existing.status}: only people who joined or wait for a place can be removed.`);
		}
		const [removed] = await tx.update(enrolments).set({ status: 'left', leftAt: now, waitlistPosition: null }).where(eq(enrolments.id, enrolmentId)).returning();
		const promotedUserId = existing.status === 'joined' ? await giveFreedPlace(tx, activity, now) : null;
		await recordAudit(tx, { cityId: scope.cityId, actorId: organiser.user.id, action: 'enrolment.remove', targetType: 'enrolment', targetId: enrolmentId, data: { activityId: activity.id, userId: existing.userId, promotedUserId } });
		return { enrolment: removed!, promotedUserId };
	});
}

export async function myEnrolment(app: Deps, actor: Actor, activityId: string): Promise<EnrolmentRow | undefined> {
	if (actor.kind !== 'user') return undefined;
	const [row] = await app.db.select().from(enrolments).where(and(eq(enrolments.activityId, activityId), eq(enrolments.userId, actor.user.id)));
	return row;
}

/** Everyone who joined, waits or left, for the organisers, with the badge credential each was awarded. */
export async function listParticipants(app: Deps, actor: Actor, activityId: string) {
	const scope = await findActivityScope(app.db, activityId);
	if (!scope) throw notFound('Activity');
	authorize(actor, 'activity.participants', { cityId: scope.cityId, organisationId: scope.organisationId });
	return app.db
		.select({
			id: enrolments.id,
			userId: users.id,
			name: users.name,
			email: users.email,
			status: enrolments.status,
			waitlistPosition: enrolments.waitlistPosition,
			joinedAt: enrolments.joinedAt,
			createdAt: enrolments.createdAt,
			leftAt: enrolments.leftAt,
			credentialId: credentials.id,
			credentialRevokedAt: credentials.revokedAt
		})
		.from(enrolments)
		.innerJoin(users, eq(users.id, enrolments.userId))
		.leftJoin(credentials, and(eq(credentials.activityId, enrolments.activityId), eq(credentials.userId, enrolments.userId)))
		.where(eq(enrolments.activityId, activityId))
		.orderBy(sql`case ${enrolments.status} when 'waitlisted' then 2 when 'left' then 3 else 1 end`, asc(enrolments.waitlistPosition), asc(enrolments.createdAt));
}

/** RFC 4180 CSV of the participant list; cells that a spreadsheet would run as formulas are defused. */
export function participantsCsv(rows: Awaited<ReturnType<typeof listParticipants>>, headings: string[]): string {
	return EXCEL_UTF8_BOM + csvRows([headings, ...rows.map((row) => [row.name, row.email, row.status, row.waitlistPosition ?? '', row.joinedAt ?? row.createdAt, row.leftAt ?? ''])]);
}

/** A learner's own enrolments, newest activity first. */
export async function listMyEnrolments(app: Deps, userId: string) {
	return app.db
		.select({ id: enrolments.id, activityId: enrolments.activityId, status: enrolments.status, waitlistPosition: enrolments.waitlistPosition, createdAt: enrolments.createdAt })
		.from(enrolments)
		.where(and(eq(enrolments.userId, userId), isNotNull(enrolments.activityId)))
		.orderBy(asc(enrolments.createdAt));
}
