import { and, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import { cities } from '../cities/schema';
import { organisations } from '../organisations/schema';
import { users } from '../accounts/schema';
import { surveyRespondents, surveyResponses, surveys } from './schema';

export type SurveyRow = typeof surveys.$inferSelect;
export interface SurveyRecord extends SurveyRow {
	city: { id: string; slug: string; name: string; locales: string[]; defaultLocale: string };
	organisation: { id: string; name: string } | null;
}

const columns = {
	survey: surveys,
	city: { id: cities.id, slug: cities.slug, name: cities.name, locales: cities.locales, defaultLocale: cities.defaultLocale },
	organisationName: organisations.name
};

function toRecord(row: { survey: SurveyRow; city: SurveyRecord['city']; organisationName: string | null }): SurveyRecord {
	return { ...row.survey, city: row.city, organisation: row.survey.organisationId ? { id: row.survey.organisationId, name: row.organisationName ?? '' } : null };
}

function selectSurveys(db: Db, where: SQL | undefined) {
	return db
		.select(columns)
		.from(surveys)
		.innerJoin(cities, eq(cities.id, surveys.cityId))
		.leftJoin(organisations, eq(organisations.id, surveys.organisationId))
		.where(where)
		.orderBy(desc(surveys.createdAt));
}

export async function loadSurvey(db: Db, id: string): Promise<SurveyRecord | undefined> {
	const [row] = await selectSurveys(db, eq(surveys.id, id));
	return row ? toRecord(row) : undefined;
}

export async function findSurveys(db: Db, filter: { cityId?: string; organisationId?: string | null; playlistId?: string; activityId?: string; status?: SurveyRow['status'] }): Promise<SurveyRecord[]> {
	const conditions = [
		filter.cityId && eq(surveys.cityId, filter.cityId),
		filter.organisationId === null ? isNull(surveys.organisationId) : filter.organisationId && eq(surveys.organisationId, filter.organisationId),
		filter.playlistId && eq(surveys.playlistId, filter.playlistId),
		filter.activityId && eq(surveys.activityId, filter.activityId),
		filter.status && eq(surveys.status, filter.status)
	].filter((c): c is SQL => Boolean(c));
	return (await selectSurveys(db, and(...conditions)).limit(500)).map(toRecord);
}

export async function countResponses(db: Db, surveyIds: string[]): Promise<Map<string, number>> {
	if (!surveyIds.length) return new Map();
	const rows = await db.select({ surveyId: surveyResponses.surveyId, n: count() }).from(surveyResponses).where(inArray(surveyResponses.surveyId, surveyIds)).groupBy(surveyResponses.surveyId);
	return new Map(rows.map((row) => [row.surveyId, Number(row.n)]));
}

/** Every response, oldest first, with the respondent's name and e-mail only where the answers are linked. */
export function listResponses(db: Db, surveyId: string) {
	return db
		.select({ id: surveyResponses.id, userId: surveyResponses.userId, name: users.name, email: users.email, answers: surveyResponses.answers, submittedAt: surveyResponses.submittedAt })
		.from(surveyResponses)
		.leftJoin(users, eq(users.id, surveyResponses.userId))
		.where(eq(surveyResponses.surveyId, surveyId))
		.orderBy(surveyResponses.submittedAt, surveyResponses.id);
}

export async function hasAnswered(db: Db, surveyId: string, userId: string): Promise<boolean> {
	const [row] = await db.select({ one: sql<number>`1` }).from(surveyRespondents).where(and(eq(surveyRespondents.surveyId, surveyId), eq(surveyRespondents.userId, userId)));
	return row !== undefined;
}

export async function answeredSurveyIds(db: Db, userId: string): Promise<Set<string>> {
	const rows = await db.select({ surveyId: surveyRespondents.surveyId }).from(surveyRespondents).where(eq(surveyRespondents.userId, userId));
	return new Set(rows.map((row) => row.surveyId));
}
