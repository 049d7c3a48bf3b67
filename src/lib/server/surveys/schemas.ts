import { z } from 'zod';
import { LocalizedTextDto, LocalizedTextInput, Slug } from '../shared/schemas';
import { SkillIds } from '../frameworks/schemas';
import { QUESTION_TYPES, SURVEY_KINDS, SURVEY_STATUSES } from './schema';

export const SURVEY_MAX_QUESTIONS = 40;
export const SURVEY_MAX_OPTIONS = 20;
export const SCALE_MAX = 10;

const required = (max: number) =>
	LocalizedTextInput(max).refine((text) => Object.keys(text).length > 0, { message: 'give a text in at least one language', params: { code: 'required' } });

export const SurveyKind = z.enum(SURVEY_KINDS).describe('needs: young people of the city; activity_feedback: participants after an activity; playlist_pre / playlist_post: followers before and after a playlist; follow_up: what happened next, after completing a playlist');
export const SurveyStatus = z.enum(SURVEY_STATUSES);
export const QuestionType = z.enum(QUESTION_TYPES);

const Key = z.string().trim().regex(/^[a-z0-9_-]{1,40}$/i, 'letters, digits, - and _');

export const QuestionInput = z
	.object({
		id: Key.optional().describe('Kept when given; made up otherwise'),
		type: QuestionType,
		text: required(500),
		required: z.boolean().default(true),
		options: z
			.array(z.object({ id: Key.optional(), label: required(200) }))
			.max(SURVEY_MAX_OPTIONS)
			.optional()
			.describe('single and multiple: at least two'),
		scaleMax: z.int().min(2).max(SCALE_MAX).optional().describe('scale and competence: answers run from 1 to this (default 5)'),
		minLabel: LocalizedTextInput(100).optional(),
		maxLabel: LocalizedTextInput(100).optional(),
		skills: SkillIds.optional().describe('competence: the framework items learners rate themselves on')
	})
	.superRefine((question, ctx) => {
		const choice = question.type === 'single' || question.type === 'multiple';
		if (choice && (question.options?.length ?? 0) < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'give at least two options', params: { code: 'options_needed' } });
		if (question.type === 'competence' && !question.skills?.length) ctx.addIssue({ code: 'custom', path: ['skills'], message: 'choose at least one framework item', params: { code: 'skills_needed' } });
	})
	.meta({ id: 'SurveyQuestionInput' });
export type QuestionInput = z.infer<typeof QuestionInput>;

const Questions = z.array(QuestionInput).max(SURVEY_MAX_QUESTIONS);

export const CreateSurveyInput = z
	.object({
		city: Slug.optional().describe('A city survey, owned by its admins'),
		organisationId: z.uuid().optional().describe('An organisation’s survey, owned by its members'),
		kind: SurveyKind,
		activityId: z.uuid().optional().describe('activity_feedback: the activity'),
		playlistId: z.uuid().optional().describe('playlist_pre, playlist_post, follow_up: the playlist'),
		anonymous: z.boolean().default(true).describe('false: answers are linked to the learner, who must consent'),
		title: required(200),
		intro: LocalizedTextInput(5_000).optional(),
		questions: Questions.default([])
	})
	.meta({ id: 'CreateSurveyInput' });
export type CreateSurveyInput = z.infer<typeof CreateSurveyInput>;

export const UpdateSurveyInput = z
	.object({ anonymous: z.boolean(), title: required(200), intro: LocalizedTextInput(5_000), questions: Questions })
	.partial()
	.meta({ id: 'UpdateSurveyInput' });
export type UpdateSurveyInput = z.infer<typeof UpdateSurveyInput>;

export const AnswerValue = z.union([z.string().max(5_000), z.array(z.string().max(40)).max(SURVEY_MAX_OPTIONS), z.number(), z.record(z.string(), z.number())]);

export const AnswerSurveyInput = z
	.object({
		consent: z.boolean().optional().describe('Required (true) for a linked survey'),
		answers: z.record(z.string(), AnswerValue).describe('By question id: an option id (single), option ids (multiple), 1..scaleMax (scale), text, or {skillId: 1..scaleMax} (competence)')
	})
	.meta({ id: 'AnswerSurveyInput' });
export type AnswerSurveyInput = z.infer<typeof AnswerSurveyInput>;

export const SurveysQuery = z.object({
	city: Slug.optional(),
	organisation: z.uuid().optional(),
	playlist: z.uuid().optional(),
	activity: z.uuid().optional()
});

const QuestionDto = z.object({
	id: z.string(),
	type: QuestionType,
	text: LocalizedTextDto,
	required: z.boolean(),
	options: z.array(z.object({ id: z.string(), label: LocalizedTextDto })).optional(),
	scaleMax: z.int().optional(),
	minLabel: LocalizedTextDto.optional(),
	maxLabel: LocalizedTextDto.optional(),
	skills: z.array(z.string()).optional()
});

export const SurveyDto = z
	.object({
		id: z.uuid(),
		url: z.string().describe('The answering page'),
		city: z.object({ id: z.uuid(), slug: z.string() }),
		organisation: z.object({ id: z.uuid(), name: z.string() }).nullable(),
		kind: SurveyKind,
		activityId: z.uuid().nullable(),
		playlistId: z.uuid().nullable(),
		anonymous: z.boolean(),
		title: LocalizedTextDto,
		intro: LocalizedTextDto,
		questions: z.array(QuestionDto),
		status: SurveyStatus,
		responses: z.int().optional().describe('For those who manage it'),
		openedAt: z.iso.datetime().nullable(),
		closedAt: z.iso.datetime().nullable(),
		createdAt: z.iso.datetime()
	})
	.meta({ id: 'Survey' });
export type SurveyDto = z.infer<typeof SurveyDto>;

const Count = z.object({ id: z.string(), label: LocalizedTextDto, count: z.int() });
export const QuestionResultDto = z.object({
	id: z.string(),
	type: QuestionType,
	text: LocalizedTextDto,
	answered: z.int(),
	options: z.array(Count).optional().describe('single, multiple: how many chose each'),
	distribution: z.array(z.object({ value: z.int(), count: z.int() })).optional().describe('scale: how many gave each value'),
	mean: z.number().nullable().optional(),
	scaleMax: z.int().optional().describe('scale and competence: the highest value'),
	skills: z.array(z.object({ skillId: z.string(), title: z.string(), answered: z.int(), mean: z.number().nullable() })).optional(),
	texts: z.array(z.string()).optional().describe('text: every answer, oldest first')
});
export type QuestionResultDto = z.infer<typeof QuestionResultDto>;

export const SurveyResultsDto = z.object({ survey: SurveyDto, responses: z.int(), questions: z.array(QuestionResultDto) }).meta({ id: 'SurveyResults' });
export type SurveyResultsDto = z.infer<typeof SurveyResultsDto>;

export const CompetenceChangeDto = z.object({
	skillId: z.string(),
	title: z.string(),
	method: z.enum(['paired', 'groups']).describe('paired: the same learners before and after (both surveys linked); groups: the means of everyone who answered each'),
	pre: z.object({ answered: z.int(), mean: z.number().nullable() }),
	post: z.object({ answered: z.int(), mean: z.number().nullable() }),
	change: z.number().nullable().describe('post minus pre; for paired, the mean of each learner’s change')
});

export const PlaylistImpactDto = z
	.object({
		playlist: z.object({ id: z.uuid(), title: LocalizedTextDto, organisation: z.object({ id: z.uuid(), name: z.string() }) }),
		followers: z.int(),
		completed: z.int().describe('Followers who hold the playlist badge'),
		completionRate: z.number().nullable().describe('completed / followers, 0..1, four decimals'),
		medianDaysToComplete: z.number().nullable().describe('From following to the playlist badge, in days (one decimal)'),
		preSurveyId: z.uuid().nullable(),
		postSurveyId: z.uuid().nullable(),
		competences: z.array(CompetenceChangeDto),
		followUp: z.object({ surveyId: z.uuid(), responses: z.int(), questions: z.array(QuestionResultDto) }).nullable()
	})
	.meta({ id: 'PlaylistImpact' });
export type PlaylistImpactDto = z.infer<typeof PlaylistImpactDto>;

export const OrganisationFeedbackDto = z
	.object({
		organisation: z.object({ id: z.uuid(), name: z.string() }),
		surveys: z.int(),
		responses: z.int(),
		items: z.array(
			z.object({
				survey: z.object({ id: z.uuid(), title: LocalizedTextDto, status: SurveyStatus }),
				activity: z.object({ id: z.uuid(), title: LocalizedTextDto }).nullable(),
				responses: z.int(),
				scales: z.array(z.object({ questionId: z.string(), text: LocalizedTextDto, answered: z.int(), mean: z.number().nullable() })).describe('Scale questions: the mean answer')
			})
		)
	})
	.meta({ id: 'OrganisationFeedback' });
export type OrganisationFeedbackDto = z.infer<typeof OrganisationFeedbackDto>;
