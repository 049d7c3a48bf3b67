import type { SurveyRecord } from './queries';
import type { SurveyDto } from './schemas';

export const surveyUrl = (publicUrl: string, id: string) => `${publicUrl}/surveys/${id}`;

export function presentSurvey(survey: SurveyRecord, publicUrl: string, responses?: number): SurveyDto {
	return {
		id: survey.id,
		url: surveyUrl(publicUrl, survey.id),
		city: { id: survey.city.id, slug: survey.city.slug },
		organisation: survey.organisation,
		kind: survey.kind,
		activityId: survey.activityId,
		playlistId: survey.playlistId,
		anonymous: survey.anonymous,
		title: survey.title,
		intro: survey.intro,
		questions: survey.questions,
		status: survey.status,
		...(responses !== undefined && { responses }),
		openedAt: survey.openedAt?.toISOString() ?? null,
		closedAt: survey.closedAt?.toISOString() ?? null,
		createdAt: survey.createdAt.toISOString()
	};
}
