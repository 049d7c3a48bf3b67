import { randomInt } from 'node:crypto';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { authorize, requireUser } from '../policies/policies';
import { AppError, invalidState, notFound } from '../http/errors';
import { activities } from '../activities/schema';
import { enrolments } from '../enrolments/schema';
import { enforceRateLimit } from '../ratelimit/rate-limiter';
import { claimCodes } from './schema';
import { recordAudit } from '../platform/audit';
import { heldCredential, issueOnce, loadAwardSubject } from './service';
import type { CreateClaimCodeInput } from './claim-schemas';

type Deps = Pick<AppContext, 'db' | 'config' | 'frameworks' | 'credentialSecret' | 'now' | 'mailer' | 'logger'>;
export type ClaimCodeRow = typeof claimCodes.$inferSelect;

/** No 0/O or 1/I: a code read aloud or copied from a screen is typed right. */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const CODE_LENGTH = 8;

export const normaliseCode = (input: string) => input.toUpperCase().replace(/[\s-]/g, '');

function newCode(): string {
	return Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

async function activityScope(app: Pick<Deps, 'db'>, activityId: string) {
	const [activity] = await app.db
		.select({ id: activities.id, cityId: activities.cityId, organisationId: activities.organisationId, status: activities.status, badge: activities.badge })
		.from(activities)
		.where(eq(activities.id, activityId));
	if (!activity) throw notFound('Activity');
	return activity;
}

export async function createClaimCode(app: Deps, actor: Actor, activityId: string, input: CreateClaimCodeInput): Promise<ClaimCodeRow> {
	const user = requireUser(actor);
	const activity = await activityScope(app, activityId);
	authorize(actor, 'credential.award', activity);
	if (!activity.badge) throw invalidState('This activity has no badge.');
	if (activity.status !== 'published' && activity.status !== 'archived') throw invalidState('Badges are awarded for published activities.');
	const validFrom = input.validFrom ? new Date(input.validFrom) : app.now();
	const validUntil = new Date(input.validUntil);
	// A collision among 32^8 codes is unlikely; the unique index settles it, and another code is drawn.
	for (let attempt = 0; attempt < 5; attempt++) {
		const [created] = await app.db
			.insert(claimCodes)
			.values({ cityId: activity.cityId, organisationId: activity.organisationId, activityId, code: newCode(), validFrom, validUntil, maxClaims: input.maxClaims ?? null, createdBy: user.user.id })
			.onConflictDoNothing({ target: claimCodes.code })
			.returning();
		if (created) {
			await recordAudit(app.db, { cityId: activity.cityId, actorId: user.user.id, action: 'credential.claim_code', targetType: 'activity', targetId: activityId, data: { codeId: created.id, validUntil: created.validUntil.toISOString(), maxClaims: created.maxClaims } });
			return created;
		}
	}
	throw new AppError('internal', 'No free claim code could be drawn.');
}

export async function listClaimCodes(app: Pick<Deps, 'db'>, actor: Actor, activityId: string): Promise<ClaimCodeRow[]> {
	const activity = await activityScope(app, activityId);
	authorize(actor, 'credential.award', activity);
	return app.db.select().from(claimCodes).where(eq(claimCodes.activityId, activityId)).orderBy(desc(claimCodes.createdAt));
}

export async function findClaimCode(app: Pick<Deps, 'db'>, actor: Actor, activityId: string, codeId: string): Promise<ClaimCodeRow> {
	const [row] = await app.db.select().from(claimCodes).where(and(eq(claimCodes.id, codeId), eq(claimCodes.activityId, activityId)));
	if (!row) throw notFound('Claim code');
	authorize(actor, 'credential.award', row);
	return row;
}

/** Stops a code at once (a photo of it went round); claims already made stay. */
export async function disableClaimCode(app: Deps, actor: Actor, activityId: string, codeId: string): Promise<ClaimCodeRow> {
	const code = await findClaimCode(app, actor, activityId, codeId);
	if (code.disabledAt) throw invalidState('This claim code is already disabled.');
	const [disabled] = await app.db.update(claimCodes).set({ disabledAt: app.now() }).where(eq(claimCodes.id, code.id)).returning();
	await recordAudit(app.db, { cityId: code.cityId, actorId: requireUser(actor).user.id, action: 'credential.claim_code_disabled', targetType: 'activity', targetId: activityId, data: { codeId: code.id } });
	return disabled!;
}

/**
 * A learner claims the badge with a code: they become a participant who completed the activity, and
 * receive the credential once, however often they enter the code. Attempts are rate-limited per
 * account, so that codes cannot be guessed.
 */
export async function claimBadge(app: Deps, actor: Actor, rawCode: string) {
	const user = requireUser(actor);
	await enforceRateLimit(app.db, [`claim:user:${user.user.id}`], app.config.rateLimits.claim);
	const code = normaliseCode(rawCode);
	const [row] = await app.db.select().from(claimCodes).where(eq(claimCodes.code, code));
	if (!row) throw new AppError('not_found', 'There is no claim code like this one. Check it and try again.');

	const held = await heldCredential(app, row.activityId, user.user);
	if (held) return { credential: held, created: false };
	const now = app.now();
	if (row.disabledAt) throw new AppError('code_expired', 'This claim code has been switched off by the organiser.');
	if (now < row.validFrom) throw new AppError('code_not_yet_valid', `This claim code works from ${row.validFrom.toISOString()}.`);
	if (now >= row.validUntil) throw new AppError('code_expired', 'This claim code has expired.');

	// Counted first, conditionally, so that a code for 30 people cannot be claimed 31 times at once.
	const [counted] = await app.db
		.update(claimCodes)
		.set({ claimCount: sql`${claimCodes.claimCount} + 1` })
		.where(and(eq(claimCodes.id, row.id), isNull(claimCodes.disabledAt), or(isNull(claimCodes.maxClaims), lt(claimCodes.claimCount, claimCodes.maxClaims))))
		.returning({ id: claimCodes.id });
	if (!counted) throw new AppError('code_used_up', 'This claim code has been used as many times as the organiser allowed.');
	try {
		const enrolmentId = await completedEnrolment(app, row, user.user.id);
		const subject = await loadAwardSubject(app, enrolmentId);
		const result = await issueOnce(app, subject!, { narrative: null, awardedBy: row.createdBy ?? user.user.id });
		if (!result.created) await uncount(app, row.id);
		return result;
	} catch (error) {
		await uncount(app, row.id);
		throw error;
	}
}

async function uncount(app: Pick<Deps, 'db'>, id: string) {
	await app.db.update(claimCodes).set({ claimCount: sql`greatest(${claimCodes.claimCount} - 1, 0)` }).where(eq(claimCodes.id, id));
}

/** The learner took part: their enrolment (made if they had none) is completed, outside capacity. */
async function completedEnrolment(app: Deps, code: ClaimCodeRow, userId: string): Promise<string> {
	const now = app.now();
	const [row] = await app.db
		.insert(enrolments)
		.values({ cityId: code.cityId, activityId: code.activityId, userId, status: 'completed', joinedAt: now })
		.onConflictDoUpdate({ target: [enrolments.activityId, enrolments.userId], set: { status: 'completed', waitlistPosition: null, leftAt: null, updatedAt: now } })
		.returning({ id: enrolments.id });
	return row!.id;
}
