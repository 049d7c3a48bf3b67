import { and, eq, inArray, ne } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { authorize } from '../policies/policies';
import { notFound } from '../http/errors';
import { findOrganisation } from '../organisations/queries';
import { activities } from '../activities/schema';
import { surveyResponses, surveys } from './schema';
import { summarise } from './results';
import { skillTitleIn } from './reporting';
import type { OrganisationFeedbackDto } from './schemas';

/**
 * What participants said of an organisation's activities: each opened activity-feedback survey with
 * its number of responses and the mean of each scale question (for the organisation's dashboard).
 */
export async function organisationFeedback(app: Pick<AppContext, 'db' | 'frameworks'>, actor: Actor, organisationId: string): Promise<OrganisationFeedbackDto> {
	const org = await findOrganisation(app.db, organisationId);
	if (!org) throw notFound('Organisation');
	authorize(actor, 'organisation.feedback', { cityId: org.cityId, organisationId: org.id });
	const rows = await app.db
		.select({ id: surveys.id, title: surveys.title, status: surveys.status, questions: surveys.questions, activityId: surveys.activityId, activityTitle: activities.title })
		.from(surveys)
		.leftJoin(activities, eq(activities.id, surveys.activityId))
		.where(and(eq(surveys.organisationId, org.id), eq(surveys.kind, 'activity_feedback'), ne(surveys.status, 'draft')))
		.orderBy(surveys.openedAt);
	const responses = rows.length
		? await app.db.select({ surveyId: surveyResponses.surveyId, answers: surveyResponses.answers }).from(surveyResponses).where(inArray(surveyResponses.surveyId, rows.map((row) => row.id)))
		: [];
	const items = rows.map((row) => {
		const own = responses.filter((response) => response.surveyId === row.id);
		const scales = summarise(row.questions.filter((question) => question.type === 'scale'), own, skillTitleIn(app)).map((result) => ({ questionId: result.id, text: result.text, answered: result.answered, mean: result.mean ?? null }));
		return {
			survey: { id: row.id, title: row.title, status: row.status },
			activity: row.activityId && row.activityTitle ? { id: row.activityId, title: row.activityTitle } : null,
			responses: own.length,
			scales
		};
	});
	return { organisation: { id: org.id, name: org.name }, surveys: items.length, responses: responses.length, items };
}
