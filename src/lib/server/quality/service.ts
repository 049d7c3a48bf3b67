import { desc, eq } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { authorize, can, requireUser } from '../policies/policies';
import { invalidState, notFound, validationFailed } from '../http/errors';
import { recordAudit } from '../platform/audit';
import { users } from '../accounts/schema';
import { cities, type QualityCriterion } from '../cities/schema';
import { activities } from '../activities/schema';
import { findActivityScope } from '../activities/queries';
import { getCityOrThrow } from '../cities/service';
import { qualityReviews } from './schema';
import { checklistOf } from './checklist';

type Deps = Pick<AppContext, 'db'>;
type Answers = Record<string, { met: boolean; note?: string | undefined }>;

async function context(app: Deps, actor: Actor, activityId: string) {
	const scope = await findActivityScope(app.db, activityId);
	if (!scope) throw notFound('Activity');
	const scopeKeys = { cityId: scope.cityId, organisationId: scope.organisationId };
	if (!can(actor, 'activity.readPrivate', scopeKeys)) throw notFound('Activity');
	const [city] = await app.db.select({ qualityChecklist: cities.qualityChecklist }).from(cities).where(eq(cities.id, scope.cityId));
	return { scope, scopeKeys, checklist: checklistOf(city ?? { qualityChecklist: null }) };
}

/** The checklist, the organiser's self-assessment, the label and the review history of an activity. */
export async function activityQuality(app: Deps, actor: Actor, activityId: string) {
	const { checklist } = await context(app, actor, activityId);
	const [row] = await app.db
		.select({ assessment: activities.qualityAssessment, label: activities.qualityLabel, since: activities.qualityLabelAt })
		.from(activities)
		.where(eq(activities.id, activityId));
	const history = await app.db
		.select({ decision: qualityReviews.decision, comment: qualityReviews.comment, reviewer: users.name, at: qualityReviews.createdAt })
		.from(qualityReviews)
		.leftJoin(users, eq(users.id, qualityReviews.reviewerId))
		.where(eq(qualityReviews.activityId, activityId))
		.orderBy(desc(qualityReviews.createdAt));
	const assessment = row?.assessment ?? {};
	return {
		checklist,
		assessment,
		complete: checklist.every((criterion) => assessment[criterion.id]?.met),
		label: row?.label ?? false,
		labelSince: row?.since?.toISOString() ?? null,
		history: history.map((h) => ({ ...h, at: h.at.toISOString() }))
	};
}

/** The organiser's own assessment against the city's checklist; unknown criteria are refused. */
export async function saveSelfAssessment(app: Deps, actor: Actor, activityId: string, answers: Answers) {
	const { scope, scopeKeys, checklist } = await context(app, actor, activityId);
	authorize(actor, 'activity.manage', scopeKeys);
	const ids = new Set(checklist.map((c) => c.id));
	const unknown = Object.keys(answers).filter((id) => !ids.has(id));
	if (unknown.length) throw validationFailed(unknown.map((id) => ({ path: `answers.${id}`, code: 'invalid_value', message: `The checklist has no criterion "${id}".` })));
	await app.db.transaction(async (tx) => {
		await tx.update(activities).set({ qualityAssessment: answers }).where(eq(activities.id, activityId));
		await recordAudit(tx, { cityId: scope.cityId, actorId: requireUser(actor).user.id, action: 'activity.quality.assess', targetType: 'activity', targetId: activityId });
	});
	return activityQuality(app, actor, activityId);
}

/**
 * The city's decision on the quality label: grant it (a published activity only), withdraw it, or ask
 * for changes. Every decision is kept as history.
 */
export async function reviewQuality(
	app: Deps,
	actor: Actor,
	activityId: string,
	input: { decision: 'granted' | 'withdrawn' | 'changes_requested'; comment?: string | undefined },
	now = new Date()
) {
	const { scope } = await context(app, actor, activityId);
	authorize(actor, 'activity.quality.review', { cityId: scope.cityId });
	if (input.decision === 'granted' && scope.status !== 'published') throw invalidState('Only a published activity can carry the quality label.');
	const reviewer = requireUser(actor);
	await app.db.transaction(async (tx) => {
		if (input.decision === 'granted') await tx.update(activities).set({ qualityLabel: true, qualityLabelAt: now }).where(eq(activities.id, activityId));
		else await tx.update(activities).set({ qualityLabel: false, qualityLabelAt: null }).where(eq(activities.id, activityId));
		await tx.insert(qualityReviews).values({ cityId: scope.cityId, activityId, decision: input.decision, comment: input.comment ?? null, reviewerId: reviewer.user.id, createdAt: now });
		await recordAudit(tx, { cityId: scope.cityId, actorId: reviewer.user.id, action: `activity.quality.${input.decision}`, targetType: 'activity', targetId: activityId });
	});
	return activityQuality(app, actor, activityId);
}

export async function cityChecklist(app: Deps, slug: string) {
	const city = await getCityOrThrow(app, slug);
	return { city, checklist: checklistOf(city) };
}

export async function setCityChecklist(app: Deps, actor: Actor, slug: string, items: QualityCriterion[]) {
	const city = await getCityOrThrow(app, slug);
	authorize(actor, 'city.update', { cityId: city.id });
	await app.db.transaction(async (tx) => {
		await tx.update(cities).set({ qualityChecklist: items }).where(eq(cities.id, city.id));
		await recordAudit(tx, { cityId: city.id, actorId: requireUser(actor).user.id, action: 'city.quality.checklist', targetType: 'city', targetId: city.id });
	});
	return items;
}
