import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { can, requireUser } from '../policies/policies';
import { AppError, invalidState, notFound } from '../http/errors';
import { users } from '../accounts/schema';
import { activities } from '../activities/schema';
import { cities } from '../cities/schema';
import { enrolments } from '../enrolments/schema';
import { credentials, evidenceSubmissions, type EvidenceStatus } from './schema';
import { issueOnce, loadAwardSubject } from './service';
import { storeEvidenceFile } from './evidence-files';
import { evidenceDecisionMail } from './mails';
import { recordAudit } from '../platform/audit';
import type { ReviewEvidenceInput, SubmitEvidenceInput } from './evidence-schemas';

type Deps = Pick<AppContext, 'db' | 'config' | 'frameworks' | 'credentialSecret' | 'now' | 'mailer' | 'logger' | 'files'>;
export type EvidenceRow = typeof evidenceSubmissions.$inferSelect;

/** Enrolments that may hand in evidence: taking part, not yet awarded or refused. */
const MAY_SUBMIT = ['joined', 'submitted'];

async function ownEnrolment(app: Pick<Deps, 'db'>, actor: Actor, enrolmentId: string) {
	const user = requireUser(actor);
	const [row] = await app.db
		.select({ enrolment: enrolments, organisationId: activities.organisationId })
		.from(enrolments)
		.innerJoin(activities, eq(activities.id, enrolments.activityId))
		.where(eq(enrolments.id, enrolmentId));
	const mayRead = row && (row.enrolment.userId === user.user.id || can(actor, 'credential.award', { cityId: row.enrolment.cityId, organisationId: row.organisationId }));
	if (!row || !mayRead) throw notFound('Enrolment');
	return { ...row, mine: row.enrolment.userId === user.user.id };
}

/**
 * A learner hands in evidence for their own enrolment. One submission waits for review at a time; the
 * file (if any) is stored before the row, so a crash leaves at most an unreferenced file.
 */
export async function submitEvidence(app: Deps, actor: Actor, enrolmentId: string, input: SubmitEvidenceInput & { file?: { name: string; bytes: Uint8Array } | undefined }) {
	const { enrolment, organisationId, mine } = await ownEnrolment(app, actor, enrolmentId);
	if (!mine) throw new AppError('forbidden', 'Only the learner hands in their own evidence.');
	if (!MAY_SUBMIT.includes(enrolment.status)) throw invalidState(`Evidence cannot be handed in now: the enrolment is "${enrolment.status}".`);
	const [waiting] = await app.db
		.select({ id: evidenceSubmissions.id })
		.from(evidenceSubmissions)
		.where(and(eq(evidenceSubmissions.enrolmentId, enrolmentId), eq(evidenceSubmissions.status, 'submitted')));
	if (waiting) throw invalidState('Your evidence is waiting for review; you can send more if the organiser asks for it.');
	if (!input.text && !input.link && !input.file) {
		throw new AppError('validation_failed', 'Give a text, a link or a file.', [{ path: 'text', code: 'evidence_empty', message: 'Give a text, a link or a file.' }]);
	}
	const id = crypto.randomUUID();
	const file = input.file ? await storeEvidenceFile(app, id, input.file.name, input.file.bytes) : undefined;
	const created = await app.db.transaction(async (tx) => {
		const [created] = await tx
			.insert(evidenceSubmissions)
			.values({
				id,
				cityId: enrolment.cityId,
				organisationId,
				activityId: enrolment.activityId,
				enrolmentId,
				userId: enrolment.userId,
				text: input.text ?? null,
				link: input.link ?? null,
				...(file ? { fileKey: file.key, fileName: file.name, fileType: file.type, fileSize: file.size } : {})
			})
			.returning();
		await tx.update(enrolments).set({ status: 'submitted', updatedAt: app.now() }).where(eq(enrolments.id, enrolmentId));
		return created!;
	});
	// A self-assessed badge is the learner's own judgement: handing in is approving.
	if ((await badgeOf(app, enrolment.activityId))?.assessment === 'self') return decide(app, created, { decision: 'approve', comment: undefined }, enrolment.userId);
	return created;
}

async function badgeOf(app: Pick<Deps, 'db'>, activityId: string) {
	const [row] = await app.db.select({ badge: activities.badge }).from(activities).where(eq(activities.id, activityId));
	return row?.badge ?? undefined;
}

/**
 * Who may judge evidence for an activity: the organisation's members, and, for a peer-assessed badge,
 * anyone who holds it (a valid credential) other than the learner concerned.
 */
export async function reviewerRole(app: Pick<Deps, 'db'>, actor: Actor, scope: { activityId: string; cityId: string; organisationId: string }, learnerId?: string): Promise<'organiser' | 'peer' | null> {
	if (can(actor, 'credential.award', scope)) return 'organiser';
	if (actor.kind !== 'user' || actor.user.id === learnerId) return null;
	if ((await badgeOf(app, scope.activityId))?.assessment !== 'peer') return null;
	const [held] = await app.db
		.select({ id: credentials.id })
		.from(credentials)
		.where(and(eq(credentials.activityId, scope.activityId), eq(credentials.userId, actor.user.id), isNull(credentials.revokedAt)));
	return held ? 'peer' : null;
}

/** The evidence of one enrolment, newest first: for the learner and the organisation. */
export async function listEnrolmentEvidence(app: Pick<Deps, 'db'>, actor: Actor, enrolmentId: string) {
	await ownEnrolment(app, actor, enrolmentId);
	return app.db.select().from(evidenceSubmissions).where(eq(evidenceSubmissions.enrolmentId, enrolmentId)).orderBy(desc(evidenceSubmissions.createdAt));
}

/** An activity's evidence for its organisers, with who handed it in; waiting ones first. */
export async function listActivityEvidence(app: Pick<Deps, 'db'>, actor: Actor, activityId: string, status?: EvidenceStatus) {
	const [activity] = await app.db.select({ cityId: activities.cityId, organisationId: activities.organisationId }).from(activities).where(eq(activities.id, activityId));
	if (!activity) throw notFound('Activity');
	const role = await reviewerRole(app, actor, { activityId, ...activity });
	if (!role) throw new AppError('forbidden', 'Only the organisation, and peers who hold a peer-assessed badge, see its evidence.');
	const rows = await app.db
		.select({ evidence: evidenceSubmissions, learner: { name: users.name, email: users.email } })
		.from(evidenceSubmissions)
		.innerJoin(users, eq(users.id, evidenceSubmissions.userId))
		.where(and(eq(evidenceSubmissions.activityId, activityId), status ? eq(evidenceSubmissions.status, status) : inArray(evidenceSubmissions.status, ['submitted', 'changes_requested', 'approved', 'rejected'])))
		.orderBy(desc(evidenceSubmissions.createdAt))
		.limit(500);
	// Peers judge the work, not each other's inboxes: they see names, not addresses, and not their own.
	if (role === 'organiser') return rows;
	const self = requireUser(actor).user.id;
	return rows.filter((row) => row.evidence.userId !== self).map((row) => ({ ...row, learner: { name: row.learner.name, email: '' } }));
}

/** One piece of evidence, for the learner who handed it in and the organisation's members. */
export async function findEvidence(app: Pick<Deps, 'db'>, actor: Actor, evidenceId: string): Promise<EvidenceRow> {
	const user = requireUser(actor);
	const [row] = await app.db.select().from(evidenceSubmissions).where(eq(evidenceSubmissions.id, evidenceId));
	if (!row || (row.userId !== user.user.id && !(await reviewerRole(app, actor, row, row.userId)))) throw notFound('Evidence');
	return row;
}

/**
 * The organisation decides: approve (the badge is awarded, the evidence in the credential), ask for
 * more (the learner may hand in again) or reject. Each decision is final for that submission and
 * told to the learner by e-mail.
 */
export async function reviewEvidence(app: Deps, actor: Actor, evidenceId: string, input: ReviewEvidenceInput) {
	const user = requireUser(actor);
	const [row] = await app.db.select().from(evidenceSubmissions).where(eq(evidenceSubmissions.id, evidenceId));
	if (!row) throw notFound('Evidence');
	const role = await reviewerRole(app, actor, row, row.userId);
	if (!role) throw new AppError('forbidden', 'Only the organisation, and peers who hold a peer-assessed badge, review its evidence.');
	// Ending someone's enrolment stays with the organisation.
	if (role === 'peer' && input.decision === 'reject') throw new AppError('forbidden', 'Peers approve or ask for more; only the organisation rejects.');
	return decide(app, row, input, user.user.id);
}

/** Applies a decision on a waiting submission: the badge on approval, the learner told either way. */
async function decide(app: Deps, row: EvidenceRow, input: ReviewEvidenceInput, reviewerId: string) {
	if (row.status !== 'submitted') throw invalidState('This evidence has already been reviewed.');
	const reviewed = { reviewComment: input.comment ?? null, reviewedBy: reviewerId, reviewedAt: app.now() };

	let credentialId: string | null = null;
	if (input.decision === 'approve') {
		const subject = await loadAwardSubject(app, row.enrolmentId);
		if (!subject) throw notFound('Enrolment');
		// The credential carries what the learner wrote and their public link. A submission sent after
		// "more, please" often adds only what was asked for: the rest comes from their earlier ones.
		const earlier = await app.db
			.select({ text: evidenceSubmissions.text, link: evidenceSubmissions.link })
			.from(evidenceSubmissions)
			.where(eq(evidenceSubmissions.enrolmentId, row.enrolmentId))
			.orderBy(desc(evidenceSubmissions.createdAt));
		const text = row.text ?? earlier.find((e) => e.text)?.text ?? input.comment ?? '';
		const link = row.link ?? earlier.find((e) => e.link)?.link ?? null;
		const { credential } = await issueOnce(app, subject, { narrative: text.slice(0, 2000) || null, evidenceUrl: link, awardedBy: reviewerId });
		credentialId = credential.id;
	}
	const status: EvidenceStatus = input.decision === 'approve' ? 'approved' : input.decision === 'request_changes' ? 'changes_requested' : 'rejected';
	const updated = await app.db.transaction(async (tx) => {
		const [changed] = await tx
			.update(evidenceSubmissions)
			.set({ status, credentialId, ...reviewed })
			.where(and(eq(evidenceSubmissions.id, row.id), eq(evidenceSubmissions.status, 'submitted')))
			.returning();
		if (!changed) throw invalidState('This evidence has already been reviewed.');
		await recordAudit(tx, { cityId: row.cityId, actorId: reviewerId, action: 'evidence.review', targetType: 'evidence', targetId: row.id, data: { decision: input.decision, credentialId } });
		if (status !== 'approved') await tx.update(enrolments).set({ status: status === 'rejected' ? 'rejected' : 'joined', updatedAt: app.now() }).where(eq(enrolments.id, row.enrolmentId));
		return changed;
	});
	await tellLearner(app, updated);
	return updated;
}

async function tellLearner(app: Deps, evidence: EvidenceRow) {
	const [row] = await app.db
		.select({ learner: { email: users.email, name: users.name, locale: users.locale }, title: activities.title, cityLocale: cities.defaultLocale })
		.from(users)
		.innerJoin(activities, eq(activities.id, evidence.activityId))
		.innerJoin(cities, eq(cities.id, activities.cityId))
		.where(eq(users.id, evidence.userId));
	if (!row) return;
	const url = evidence.credentialId ? `${app.config.publicUrl}/credentials/${evidence.credentialId}` : `${app.config.publicUrl}/activities/${evidence.activityId}/evidence`;
	await app.mailer
		.send(evidenceDecisionMail({ ...row.learner, locale: row.learner.locale ?? row.cityLocale }, { title: row.title, url, status: evidence.status, comment: evidence.reviewComment }))
		.catch((error: unknown) => app.logger.warn({ err: error, evidence: evidence.id }, 'evidence decision e-mail not sent'));
}
