import { randomUUID } from 'node:crypto';
import { and, eq, inArray, or } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { authorize, can, requireUser } from '../policies/policies';
import { AppError, forbidden, invalidState, notFound, validationFailed } from '../http/errors';
import { recordAudit } from '../platform/audit';
import { findCityBySlug } from '../cities/queries';
import { findOrganisationScope } from '../organisations/queries';
import { activities } from '../activities/schema';
import { playlists } from '../playlists/schema';
import { frameworksOfCity } from '../frameworks/city-frameworks';
import { validateSkillIds } from '../frameworks/service';
import { surveyRespondents, surveyResponses, surveys, type SurveyQuestion } from './schema';
import { answeredSurveyIds, findSurveys, loadSurvey, type SurveyRecord } from './queries';
import { checkAnswers, normaliseQuestions } from './questions';
import { loadLearnerContext, mayAnswer } from './eligibility';
import type { AnswerSurveyInput, CreateSurveyInput, QuestionInput, UpdateSurveyInput } from './schemas';

type Deps = Pick<AppContext, 'db' | 'frameworks' | 'now'>;

/** The scope a survey's owner holds: a city's admins, or an organisation's members. */
export const ownerScope = (survey: { cityId: string; organisationId: string | null }) => ({ cityId: survey.cityId, ...(survey.organisationId && { organisationId: survey.organisationId }) });

const shortId = () => randomUUID().slice(0, 8);

async function checkedQuestions(app: Deps, cityId: string, inputs: QuestionInput[]): Promise<SurveyQuestion[]> {
	const allowedFrameworks = await frameworksOfCity(app.db, app.frameworks, cityId);
	const issues = inputs.flatMap((question, index) => {
		if (question.type !== 'competence') return [];
		try {
			validateSkillIds(app.frameworks, question.skills ?? [], { path: `questions.${index}.skills`, allowedFrameworks });
			return [];
		} catch (error) {
			if (error instanceof AppError && Array.isArray(error.details)) return error.details;
			throw error;
		}
	});
	if (issues.length) throw validationFailed(issues);
	return normaliseQuestions(inputs, shortId);
}

/** Who owns the new survey, and what it is attached to; each must be in the same city (and organisation). */
async function ownerOf(app: Deps, actor: Actor, input: CreateSurveyInput) {
	let cityId: string;
	let organisationId: string | null = null;
	if (input.organisationId) {
		const org = await findOrganisationScope(app.db, input.organisationId);
		if (!org) throw validationFailed([{ path: 'organisationId', code: 'unknown_organisation', message: 'There is no such organisation.' }]);
		cityId = org.cityId;
		organisationId = org.id;
		if (input.city && (await findCityBySlug(app.db, input.city))?.id !== cityId) throw validationFailed([{ path: 'city', code: 'city_mismatch', message: 'The organisation belongs to another city.' }]);
	} else if (input.city) {
		const city = await findCityBySlug(app.db, input.city);
		if (!city) throw validationFailed([{ path: 'city', code: 'unknown_city', message: 'There is no such city.' }]);
		cityId = city.id;
	} else throw validationFailed([{ path: 'city', code: 'required', message: 'Give the city or the organisation that owns the survey.' }]);
	authorize(actor, 'survey.manage', ownerScope({ cityId, organisationId }));
	return { cityId, organisationId };
}

async function checkedTarget(app: Deps, owner: { cityId: string; organisationId: string | null }, input: CreateSurveyInput) {
	const needsActivity = input.kind === 'activity_feedback';
	const needsPlaylist = input.kind === 'playlist_pre' || input.kind === 'playlist_post' || input.kind === 'follow_up';
	const issue = (path: string, code: string, message: string) => validationFailed([{ path, code, message }]);
	if (!needsActivity && input.activityId) throw issue('activityId', 'not_for_kind', 'Only activity feedback is attached to an activity.');
	if (!needsPlaylist && input.playlistId) throw issue('playlistId', 'not_for_kind', 'Only playlist surveys are attached to a playlist.');
	const sameOwner = (row: { cityId: string; organisationId: string } | undefined) => row && row.cityId === owner.cityId && (!owner.organisationId || row.organisationId === owner.organisationId);
	if (needsActivity) {
		if (!input.activityId) throw issue('activityId', 'required', 'Choose the activity.');
		const [row] = await app.db.select({ cityId: activities.cityId, organisationId: activities.organisationId }).from(activities).where(eq(activities.id, input.activityId));
		if (!sameOwner(row)) throw issue('activityId', 'unknown_activity', 'There is no such activity of yours.');
	}
	if (needsPlaylist) {
		if (!input.playlistId) throw issue('playlistId', 'required', 'Choose the playlist.');
		const [row] = await app.db.select({ cityId: playlists.cityId, organisationId: playlists.organisationId }).from(playlists).where(eq(playlists.id, input.playlistId));
		if (!sameOwner(row)) throw issue('playlistId', 'unknown_playlist', 'There is no such playlist of yours.');
	}
	return { activityId: needsActivity ? input.activityId! : null, playlistId: needsPlaylist ? input.playlistId! : null };
}

/** A draft survey of a city (its admins) or an organisation (its members). */
export async function createSurvey(app: Deps, actor: Actor, input: CreateSurveyInput): Promise<SurveyRecord> {
	const owner = await ownerOf(app, actor, input);
	const target = await checkedTarget(app, owner, input);
	const questions = await checkedQuestions(app, owner.cityId, input.questions);
	const user = requireUser(actor);
	const id = await app.db.transaction(async (tx) => {
		const [row] = await tx
			.insert(surveys)
			.values({ ...owner, ...target, kind: input.kind, anonymous: input.anonymous, title: input.title, intro: input.intro ?? {}, questions, createdBy: user.user.id })
			.returning({ id: surveys.id });
		await recordAudit(tx, { cityId: owner.cityId, actorId: user.user.id, action: 'survey.create', targetType: 'survey', targetId: row!.id });
		return row!.id;
	});
	return (await loadSurvey(app.db, id))!;
}

/** A survey its owner manages; to anyone else it does not exist unless it is open. */
async function managed(app: Deps, actor: Actor, id: string): Promise<SurveyRecord> {
	const survey = await loadSurvey(app.db, id);
	if (!survey) throw notFound('Survey');
	if (survey.status !== 'open' && !can(actor, 'survey.results', ownerScope(survey))) throw notFound('Survey');
	authorize(actor, 'survey.manage', ownerScope(survey));
	return survey;
}

/** Questions and anonymity change only while it is a draft: answers must match what was asked. */
export async function updateSurvey(app: Deps, actor: Actor, id: string, input: UpdateSurveyInput): Promise<SurveyRecord> {
	const survey = await managed(app, actor, id);
	if (survey.status !== 'draft' && (input.questions !== undefined || input.anonymous !== undefined)) throw invalidState('Questions and anonymity can be changed only while the survey is a draft.');
	const questions = input.questions !== undefined ? await checkedQuestions(app, survey.cityId, input.questions) : undefined;
	const user = requireUser(actor);
	await app.db.transaction(async (tx) => {
		await tx
			.update(surveys)
			.set({
				...(input.title !== undefined && { title: input.title }),
				...(input.intro !== undefined && { intro: input.intro }),
				...(input.anonymous !== undefined && { anonymous: input.anonymous }),
				...(questions !== undefined && { questions })
			})
			.where(eq(surveys.id, id));
		await recordAudit(tx, { cityId: survey.cityId, actorId: user.user.id, action: 'survey.update', targetType: 'survey', targetId: id });
	});
	return (await loadSurvey(app.db, id))!;
}

/** draft -> open (with at least one question) -> closed; a closed survey can be opened again. */
export async function setSurveyStatus(app: Deps, actor: Actor, id: string, status: 'open' | 'closed'): Promise<SurveyRecord> {
	const survey = await managed(app, actor, id);
	if (survey.status === status) throw invalidState(`This survey is already ${status}.`);
	if (status === 'closed' && survey.status === 'draft') throw invalidState('Only an open survey can be closed.');
	if (status === 'open' && survey.questions.length === 0) throw invalidState('Add at least one question before opening the survey.');
	const user = requireUser(actor);
	const now = app.now();
	await app.db.transaction(async (tx) => {
		await tx
			.update(surveys)
			.set(status === 'open' ? { status, openedAt: survey.openedAt ?? now, closedAt: null } : { status, closedAt: now })
			.where(eq(surveys.id, id));
		await recordAudit(tx, { cityId: survey.cityId, actorId: user.user.id, action: `survey.${status === 'open' ? 'open' : 'close'}`, targetType: 'survey', targetId: id });
	});
	return (await loadSurvey(app.db, id))!;
}

/** Open surveys can be read by anyone signed in (to answer them); others only by those who see the results. */
export async function getSurvey(app: Pick<Deps, 'db'>, actor: Actor, id: string): Promise<SurveyRecord> {
	const survey = await loadSurvey(app.db, id);
	if (!survey) throw notFound('Survey');
	if (can(actor, 'survey.results', ownerScope(survey))) return survey;
	if (survey.status !== 'open') throw notFound('Survey');
	requireUser(actor);
	return survey;
}

/** Surveys of a city or an organisation, for those who see their results. */
export async function listSurveys(app: Pick<Deps, 'db'>, actor: Actor, query: { city?: string | undefined; organisation?: string | undefined; playlist?: string | undefined; activity?: string | undefined }) {
	requireUser(actor);
	if (query.organisation) {
		const org = await findOrganisationScope(app.db, query.organisation);
		if (!org) throw notFound('Organisation');
		authorize(actor, 'survey.results', { cityId: org.cityId, organisationId: org.id });
		return findSurveys(app.db, { organisationId: org.id, ...(query.playlist && { playlistId: query.playlist }), ...(query.activity && { activityId: query.activity }) });
	}
	if (!query.city) throw validationFailed([{ path: 'city', code: 'required', message: 'Give the city or the organisation.' }]);
	const city = await findCityBySlug(app.db, query.city);
	if (!city) throw notFound('City');
	authorize(actor, 'survey.results', { cityId: city.id });
	return findSurveys(app.db, { cityId: city.id, ...(query.playlist && { playlistId: query.playlist }), ...(query.activity && { activityId: query.activity }) });
}

/**
 * What the learner is asked now: open surveys meant for them that they have not answered. Needs
 * mappings come from the cities the learner takes part in; someone who takes part nowhere yet (a
 * newcomer) is asked by every city, since accounts belong to no city.
 */
export async function surveysToAnswer(app: Deps, actor: Actor): Promise<SurveyRecord[]> {
	const user = requireUser(actor);
	const learner = await loadLearnerContext(app.db, user.user.id, app.now());
	const answered = await answeredSurveyIds(app.db, user.user.id);
	const activityIds = [...learner.activities.keys()];
	const playlistIds = [...new Set([...learner.following, ...learner.completedPlaylists])];
	const rows = await app.db
		.select({ id: surveys.id })
		.from(surveys)
		.where(
			and(
				eq(surveys.status, 'open'),
				or(eq(surveys.kind, 'needs'), activityIds.length ? inArray(surveys.activityId, activityIds) : undefined, playlistIds.length ? inArray(surveys.playlistId, playlistIds) : undefined)
			)
		)
		.limit(200);
	const found = await Promise.all(rows.filter((row) => !answered.has(row.id)).map((row) => loadSurvey(app.db, row.id)));
	const fromMyCities = (survey: SurveyRecord) => survey.kind !== 'needs' || learner.cities.size === 0 || learner.cities.has(survey.cityId);
	return found.filter((survey): survey is SurveyRecord => survey !== undefined && mayAnswer(survey, learner) && fromMyCities(survey));
}

export type AnswerState = 'open' | 'answered' | 'not_for_you';

/** Whether the signed-in learner can answer this survey now (for the answering page). */
export async function answerState(app: Deps, actor: Actor, survey: SurveyRecord): Promise<AnswerState> {
	const user = requireUser(actor);
	if ((await answeredSurveyIds(app.db, user.user.id)).has(survey.id)) return 'answered';
	return mayAnswer(survey, await loadLearnerContext(app.db, user.user.id, app.now())) ? 'open' : 'not_for_you';
}

/**
 * Stores one learner's answers, once. Linked surveys need consent and keep the user id; anonymous ones
 * keep only the day, and the respondent list (without answers) prevents a second answer.
 */
export async function answerSurvey(app: Deps, actor: Actor, id: string, input: AnswerSurveyInput): Promise<{ id: string }> {
	const user = requireUser(actor);
	const survey = await getSurvey(app, actor, id);
	if (survey.status !== 'open') throw invalidState('This survey is not open for answers.');
	if (!mayAnswer(survey, await loadLearnerContext(app.db, user.user.id, app.now()))) throw forbidden('This survey is for other learners.');
	if (!survey.anonymous && input.consent !== true) throw validationFailed([{ path: 'consent', code: 'consent_required', message: 'Agree that your answers are linked to your account, or do not answer.' }]);
	const { answers, issues } = checkAnswers(survey.questions, input.answers);
	if (issues.length) throw validationFailed(issues);
	const now = app.now();
	const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
	return app.db.transaction(async (tx) => {
		const claimed = await tx.insert(surveyRespondents).values({ surveyId: survey.id, userId: user.user.id }).onConflictDoNothing().returning({ userId: surveyRespondents.userId });
		if (!claimed.length) throw new AppError('conflict', 'You have already answered this survey.');
		const [row] = await tx
			.insert(surveyResponses)
			.values(
				survey.anonymous
					? { surveyId: survey.id, cityId: survey.cityId, userId: null, answers, submittedAt: day }
					: { surveyId: survey.id, cityId: survey.cityId, userId: user.user.id, answers, consentedAt: now, submittedAt: now }
			)
			.returning({ id: surveyResponses.id });
		return { id: row!.id };
	});
}
