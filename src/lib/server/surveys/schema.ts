import { boolean, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id, updatedAt, type LocalizedText } from '../db/columns';
import { users } from '../accounts/schema';
import { cityIdColumn } from '../cities/schema';
import { organisations } from '../organisations/schema';
import { activities } from '../activities/schema';
import { playlists } from '../playlists/schema';

export const SURVEY_KINDS = ['needs', 'activity_feedback', 'playlist_pre', 'playlist_post', 'follow_up'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];
export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
export const QUESTION_TYPES = ['single', 'multiple', 'scale', 'text', 'competence'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/**
 * One question as the survey holds it. Questions live in the survey's row (jsonb): they are only
 * ever read and written with their survey, and freeze when it opens, so answers always match them.
 */
export interface SurveyQuestion {
	id: string;
	type: QuestionType;
	text: LocalizedText;
	required: boolean;
	/** single and multiple choice */
	options?: { id: string; label: LocalizedText }[];
	/** scale and competence: answers are 1..scaleMax */
	scaleMax?: number;
	minLabel?: LocalizedText;
	maxLabel?: LocalizedText;
	/** competence: the framework items the learner rates themself on */
	skills?: string[];
}

/** What one person answered, by question id: an option id, option ids, a number, text, or ratings per skill. */
export type SurveyAnswers = Record<string, string | string[] | number | Record<string, number>>;

/**
 * A survey of a city (organisationId null: its admins own it) or of an organisation. Its kind says
 * whom it is for: the city's young people (needs), an activity's participants (activity_feedback), a
 * playlist's followers before and after (playlist_pre / playlist_post) and after completing it
 * (follow_up: what happened next).
 */
export const surveys = pgTable(
	'surveys',
	{
		id: id(),
		cityId: cityIdColumn(),
		organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
		kind: text('kind').$type<SurveyKind>().notNull(),
		activityId: uuid('activity_id').references(() => activities.id, { onDelete: 'cascade' }),
		playlistId: uuid('playlist_id').references(() => playlists.id, { onDelete: 'cascade' }),
		title: jsonb('title').$type<LocalizedText>().notNull(),
		intro: jsonb('intro').$type<LocalizedText>().notNull().default({}),
		questions: jsonb('questions').$type<SurveyQuestion[]>().notNull().default([]),
		/** Anonymous answers keep no user id; linked ones do, with the learner's consent. */
		anonymous: boolean('anonymous').notNull().default(true),
		status: text('status').$type<SurveyStatus>().notNull().default('draft'),
		openedAt: at('opened_at'),
		closedAt: at('closed_at'),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(table) => [
		index('surveys_city_idx').on(table.cityId, table.status),
		index('surveys_organisation_idx').on(table.organisationId),
		index('surveys_activity_idx').on(table.activityId),
		index('surveys_playlist_idx').on(table.playlistId)
	]
);

const surveyIdColumn = () =>
	uuid('survey_id')
		.notNull()
		.references(() => surveys.id, { onDelete: 'cascade' });

/**
 * One set of answers. `userId` is set only for linked surveys, where the learner consented
 * (`consentedAt`). Anonymous answers keep only the day they were given, so their time cannot be
 * matched with the respondent list below.
 */
export const surveyResponses = pgTable(
	'survey_responses',
	{
		id: id(),
		surveyId: surveyIdColumn(),
		cityId: cityIdColumn(),
		userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
		answers: jsonb('answers').$type<SurveyAnswers>().notNull(),
		consentedAt: at('consented_at'),
		submittedAt: at('submitted_at').notNull()
	},
	(table) => [index('survey_responses_survey_idx').on(table.surveyId, table.submittedAt)]
);

/**
 * Who has answered a survey, kept apart from the answers (no time, no link to a response), so that a
 * person answers once even when their answers are anonymous.
 */
export const surveyRespondents = pgTable(
	'survey_respondents',
	{
		surveyId: surveyIdColumn(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' })
	},
	(table) => [primaryKey({ columns: [table.surveyId, table.userId] }), index('survey_respondents_user_idx').on(table.userId)]
);
