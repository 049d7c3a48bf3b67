import { eq, sql } from 'drizzle-orm';
import { m } from '../../paraglide/messages.js';
import { isLocale } from '../../i18n/locales';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { authorize, can, requireUser } from '../policies/policies';
import { AppError, invalidState, notFound, validationFailed } from '../http/errors';
import { recordAudit } from '../platform/audit';
import { findOrganisationScope } from '../organisations/queries';
import { findCityById } from '../cities/queries';
import { frameworksOfCity } from '../frameworks/city-frameworks';
import { validateSkillIds } from '../frameworks/service';
import type { Db } from '../db/database';
import { activities, activitySessions, type BadgeDescription } from './schema';
import { findActivityScope, loadActivity, type ActivityRecord } from './queries';
import { consistencyIssues, describeBadge, frameworksOf, publishIssues, type ActivityShape } from './rules';
import type { CreateActivityInput, UpdateActivityInput } from './schemas';
import { afterEditorSave } from '../translation/state';

type Deps = Pick<AppContext, 'db' | 'frameworks'>;

export const criteriaText = (locale: string, title: string) =>
	m.badge_default_criteria({ title }, { locale: isLocale(locale) ? locale : 'en' });

/** The columns an input sets; fields left out of an update stay as they are. */
function columnsFrom(input: UpdateActivityInput) {
	return {
		...(input.title !== undefined && { title: input.title }),
		...(input.description !== undefined && { description: input.description }),
		...(input.type !== undefined && { type: input.type }),
		...(input.mode !== undefined && { mode: input.mode }),
		...(input.startsAt !== undefined && { startsAt: input.startsAt ? new Date(input.startsAt) : null }),
		...(input.endsAt !== undefined && { endsAt: input.endsAt ? new Date(input.endsAt) : null }),
		...(input.alwaysOpen !== undefined && { alwaysOpen: input.alwaysOpen }),
		...(input.location !== undefined && {
			locationAddress: input.location?.address ?? null,
			lat: input.location?.lat ?? null,
			lon: input.location?.lon ?? null
		}),
		...(input.url !== undefined && { onlineUrl: input.url }),
		...(input.languages !== undefined && { languages: input.languages }),
		...(input.ageMin !== undefined && { ageMin: input.ageMin }),
		...(input.ageMax !== undefined && { ageMax: input.ageMax }),
		...(input.capacity !== undefined && { capacity: input.capacity }),
		...(input.waitlist !== undefined && { waitlist: input.waitlist }),
		...(input.price !== undefined && {
			priceAmount: input.price && input.price.amount > 0 ? input.price.amount.toFixed(2) : null,
			priceCurrency: input.price && input.price.amount > 0 ? input.price.currency : null
		}),
		...(input.international !== undefined && { international: input.international }),
		...(input.targetGroups !== undefined && { targetGroups: input.targetGroups }),
		...(input.accessibility !== undefined && { accessibility: input.accessibility }),
		...(input.contact !== undefined && { contact: input.contact }),
		...(input.imageAlt !== undefined && { imageAlt: input.imageAlt })
	};
}

function shapeOf(record: ActivityShape, sessions?: { startsAt: Date; endsAt: Date }[]): ActivityShape {
	return {
		title: record.title,
		description: record.description,
		mode: record.mode,
		startsAt: record.startsAt,
		endsAt: record.endsAt,
		alwaysOpen: record.alwaysOpen,
		lat: record.lat,
		locationAddress: record.locationAddress,
		onlineUrl: record.onlineUrl,
		ageMin: record.ageMin,
		ageMax: record.ageMax,
		imageKey: record.imageKey,
		imageAlt: record.imageAlt,
		sessions: sessions ?? record.sessions
	};
}

const sessionRows = (input: UpdateActivityInput['sessions']) =>
	input?.map((s) => ({ startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt), note: s.note ?? null }));

/** With sessions, the activity runs from its first session's start to its last session's end. */
function spanOf(sessions: { startsAt: Date; endsAt: Date }[] | undefined) {
	if (!sessions?.length) return {};
	return {
		startsAt: new Date(Math.min(...sessions.map((s) => s.startsAt.getTime()))),
		endsAt: new Date(Math.max(...sessions.map((s) => s.endsAt.getTime())))
	};
}

async function replaceSessions(tx: Db, activity: { id: string; cityId: string }, sessions: { startsAt: Date; endsAt: Date; note: string | null }[]) {
	await tx.delete(activitySessions).where(eq(activitySessions.activityId, activity.id));
	if (sessions.length) await tx.insert(activitySessions).values(sessions.map((s) => ({ ...s, activityId: activity.id, cityId: activity.cityId })));
}

async function checkedSkills(app: Deps, cityId: string, skills: string[]) {
	const allowed = await frameworksOfCity(app.db, app.frameworks, cityId);
	return validateSkillIds(app.frameworks, skills, { allowedFrameworks: allowed });
}

/** Creates a draft. Only members of an approved organisation create activities for it. */
export async function createActivity(app: Deps, actor: Actor, input: CreateActivityInput): Promise<ActivityRecord> {
	const org = await findOrganisationScope(app.db, input.organisationId);
	if (!org) throw validationFailed([{ path: 'organisationId', code: 'unknown_organisation', message: 'There is no such organisation.' }]);
	authorize(actor, 'activity.create', { cityId: org.cityId, organisationId: org.id });
	if (org.status !== 'approved') throw invalidState('Only an approved organisation can create activities.');
	const skills = await checkedSkills(app, org.cityId, input.skills);
	const sessions = sessionRows(input.sessions) ?? [];
	const columns = { ...columnsFrom(input), ...spanOf(sessions) };
	const problems = consistencyIssues({
		...defaults(),
		...columns,
		title: input.title,
		description: input.description,
		mode: input.mode,
		sessions
	});
	if (problems.length) throw validationFailed(problems);
	const user = requireUser(actor);
	const id = await app.db.transaction(async (tx) => {
		const [row] = await tx
			.insert(activities)
			.values({
				...defaults(),
				...columns,
				title: input.title,
				description: input.description,
				type: input.type,
				mode: input.mode,
				languages: input.languages,
				cityId: org.cityId,
				organisationId: org.id,
				skills,
				frameworks: frameworksOf(skills),
				badge: describeBadge(input.badge, input, criteriaText),
				createdBy: user.user.id
			})
			.returning({ id: activities.id, cityId: activities.cityId });
		await replaceSessions(tx, row!, sessions);
		await recordAudit(tx, { cityId: org.cityId, actorId: user.user.id, action: 'activity.create', targetType: 'activity', targetId: row!.id });
		return row!.id;
	});
	return (await loadActivity(app.db, id))!;
}

function defaults() {
	return {
		startsAt: null,
		endsAt: null,
		alwaysOpen: false,
		locationAddress: null,
		lat: null,
		lon: null,
		onlineUrl: null,
		ageMin: null,
		ageMax: null,
		imageKey: null,
		imageAlt: {}
	};
}

/** An activity as `actor` may see it: published and archived ones are public, others private (404). */
export async function getActivity(app: Pick<AppContext, 'db'>, actor: Actor, id: string): Promise<ActivityRecord> {
	const scope = await findActivityScope(app.db, id);
	if (!scope) throw notFound('Activity');
	const isPublic = scope.status === 'published' || scope.status === 'archived';
	if (!isPublic && !can(actor, 'activity.readPrivate', { cityId: scope.cityId, organisationId: scope.organisationId })) {
		throw notFound('Activity');
	}
	return (await loadActivity(app.db, id))!;
}

/** An activity the actor may change (404 when they may not even see it, 403 when they only see it). */
export async function manageable(app: Pick<AppContext, 'db'>, actor: Actor, id: string) {
	const scope = await findActivityScope(app.db, id);
	if (!scope) throw notFound('Activity');
	const canRead = can(actor, 'activity.readPrivate', { cityId: scope.cityId, organisationId: scope.organisationId });
	if (!canRead && scope.status !== 'published' && scope.status !== 'archived') throw notFound('Activity');
	authorize(actor, 'activity.manage', { cityId: scope.cityId, organisationId: scope.organisationId });
	return (await loadActivity(app.db, id))!;
}

/** An activity its organisers may change: archived ones are kept as they were (a change goes to a duplicate). */
export async function changeable(app: Pick<AppContext, 'db'>, actor: Actor, id: string) {
	const activity = await manageable(app, actor, id);
	if (activity.status === 'archived') throw invalidState('An archived activity cannot be changed; duplicate it instead.');
	return activity;
}

export async function updateActivity(app: Deps, actor: Actor, id: string, input: UpdateActivityInput): Promise<ActivityRecord> {
	const existing = await changeable(app, actor, id);
	const skills = input.skills ? await checkedSkills(app, existing.cityId, input.skills) : undefined;
	const sessions = sessionRows(input.sessions);
	const columns = { ...columnsFrom(input), ...spanOf(sessions) };
	const merged = shapeOf({ ...existing, ...columns }, sessions);
	const problems = consistencyIssues(merged);
	// A published (or submitted) activity must stay complete: it is what learners are looking at.
	if (existing.status !== 'draft') problems.push(...publishIssues(merged));
	if (problems.length) throw validationFailed(problems);
	// A machine draft a person rewrote here is reviewed now; see translation/state.ts.
	const translations = afterEditorSave(existing, input);
	await app.db.transaction(async (tx) => {
		await tx
			.update(activities)
			.set({
				...columns,
				...(translations && { translations }),
				...(skills && { skills, frameworks: frameworksOf(skills) }),
				...(input.badge && { badge: keepingUploadedImage(describeBadge(input.badge, { ...existing, ...columns }, criteriaText)) })
			})
			.where(eq(activities.id, id));
		if (sessions) await replaceSessions(tx, existing, sessions);
		await recordAudit(tx, {
			cityId: existing.cityId,
			actorId: requireUser(actor).user.id,
			action: 'activity.update',
			targetType: 'activity',
			targetId: id,
			data: { fields: Object.keys(input) }
		});
	});
	return (await loadActivity(app.db, id))!;
}

/**
 * The badge as the form or API describes it, keeping the image uploaded on its own path: read from the
 * row in the same statement, so an upload that lands between loading and saving is not lost.
 */
function keepingUploadedImage(badge: BadgeDescription) {
	const { imageKey: _ignored, ...described } = badge;
	return sql`${JSON.stringify(described)}::jsonb || coalesce(jsonb_strip_nulls(jsonb_build_object('imageKey', ${activities.badge} -> 'imageKey')), '{}'::jsonb)`;
}

/**
 * Publishes a complete draft: at once, or into the city's review when the city moderates activities
 * (unless a city admin publishes it).
 */
export async function publishActivity(app: Deps, actor: Actor, id: string, now = new Date()): Promise<ActivityRecord> {
	const activity = await manageable(app, actor, id);
	if (activity.status === 'published') throw invalidState('The activity is already published.');
	if (activity.status === 'in_review') throw invalidState('The activity is waiting for the city’s review.');
	if (activity.status === 'archived') throw invalidState('An archived activity cannot be published again; duplicate it instead.');
	if (activity.organisation.status !== 'approved') throw invalidState('Only an approved organisation can publish activities.');
	const problems = publishIssues(shapeOf(activity));
	if (problems.length) throw new AppError('validation_failed', 'The activity is not complete enough to publish.', problems);
	const city = await findCityById(app.db, activity.cityId);
	const review = Boolean(city?.moderateActivities) && !can(actor, 'activity.moderate', { cityId: activity.cityId });
	await app.db.transaction(async (tx) => {
		await tx
			.update(activities)
			.set(review ? { status: 'in_review', submittedAt: now, reviewComment: null } : { status: 'published', publishedAt: now, reviewComment: null })
			.where(eq(activities.id, id));
		await recordAudit(tx, {
			cityId: activity.cityId,
			actorId: requireUser(actor).user.id,
			action: review ? 'activity.submit' : 'activity.publish',
			targetType: 'activity',
			targetId: id
		});
	});
	return (await loadActivity(app.db, id))!;
}

/** The city's decision on an activity submitted for review: publish it, or send it back with a comment. */
export async function reviewActivity(
	app: Pick<AppContext, 'db'>,
	actor: Actor,
	id: string,
	decision: { decision: 'approve' | 'reject'; comment?: string | undefined },
	now = new Date()
): Promise<ActivityRecord> {
	const scope = await findActivityScope(app.db, id);
	if (!scope) throw notFound('Activity');
	authorize(actor, 'activity.moderate', { cityId: scope.cityId });
	if (scope.status !== 'in_review') throw invalidState('The activity is not waiting for review.');
	await app.db.transaction(async (tx) => {
		await tx
			.update(activities)
			.set(
				decision.decision === 'approve'
					? { status: 'published', publishedAt: now, reviewComment: null }
					: { status: 'draft', reviewComment: decision.comment ?? null }
			)
			.where(eq(activities.id, id));
		await recordAudit(tx, {
			cityId: scope.cityId,
			actorId: requireUser(actor).user.id,
			action: decision.decision === 'approve' ? 'activity.review.approve' : 'activity.review.reject',
			targetType: 'activity',
			targetId: id,
			data: decision.comment ? { comment: decision.comment } : {}
		});
	});
	return (await loadActivity(app.db, id))!;
}

export async function archiveActivity(app: Pick<AppContext, 'db'>, actor: Actor, id: string, now = new Date()): Promise<ActivityRecord> {
	const activity = await manageable(app, actor, id);
	if (activity.status === 'archived') throw invalidState('The activity is already archived.');
	await app.db.transaction(async (tx) => {
		await tx.update(activities).set({ status: 'archived', archivedAt: now }).where(eq(activities.id, id));
		await recordAudit(tx, { cityId: activity.cityId, actorId: requireUser(actor).user.id, action: 'activity.archive', targetType: 'activity', targetId: id });
	});
	return (await loadActivity(app.db, id))!;
}

/** A new draft with the same content (not its status, quality label, enrolments or import origin). */
export async function duplicateActivity(app: Pick<AppContext, 'db'>, actor: Actor, id: string): Promise<ActivityRecord> {
	const source = await manageable(app, actor, id);
	const user = requireUser(actor);
	const newId = await app.db.transaction(async (tx) => {
		const {
			id: _id,
			city: _city,
			organisation: _organisation,
			sessions,
			places: _places,
			createdAt: _created,
			updatedAt: _updated,
			...content
		} = source;
		const [row] = await tx
			.insert(activities)
			.values({
				...content,
				status: 'draft',
				reviewComment: null,
				submittedAt: null,
				publishedAt: null,
				archivedAt: null,
				qualityLabel: false,
				qualityLabelAt: null,
				qualityAssessment: {},
				sourceFormat: null,
				sourceId: null,
				sourceUrl: null,
				importedAt: null,
				createdBy: user.user.id
			})
			.returning({ id: activities.id, cityId: activities.cityId });
		await replaceSessions(tx, row!, sessions.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt, note: s.note })));
		await recordAudit(tx, { cityId: source.cityId, actorId: user.user.id, action: 'activity.duplicate', targetType: 'activity', targetId: row!.id, data: { from: id } });
		return row!.id;
	});
	return (await loadActivity(app.db, newId))!;
}

/**
 * The organiser's answer to the skills an import suggested: the accepted ones join the activity's
 * skills (checked like any skill), and the suggestions are cleared.
 */
export async function resolveSuggestedSkills(app: Deps, actor: Actor, id: string, accept: string[]): Promise<ActivityRecord> {
	const existing = await manageable(app, actor, id);
	const accepted = accept.filter((skill) => existing.suggestedSkills.includes(skill));
	const skills = await checkedSkills(app, existing.cityId, [...existing.skills, ...accepted]);
	await app.db.transaction(async (tx) => {
		await tx.update(activities).set({ skills, frameworks: frameworksOf(skills), suggestedSkills: [] }).where(eq(activities.id, id));
		await recordAudit(tx, { cityId: existing.cityId, actorId: requireUser(actor).user.id, action: 'activity.update', targetType: 'activity', targetId: id, data: { acceptedSuggestions: accepted } });
	});
	return (await loadActivity(app.db, id))!;
}
