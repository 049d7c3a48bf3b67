import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { OrganisationFeedbackDto } from '$lib/server/surveys/schemas';
import { organisationFeedback } from '$lib/server/surveys/feedback';

export const GET = endpoint(
	{
		summary: 'Feedback on an organisation’s activities',
		description: 'Members of the organisation and the city’s admins. Each opened activity-feedback survey with its responses and the mean of each scale question.',
		tags: ['Organisations', 'Surveys'],
		access: 'user',
		response: OrganisationFeedbackDto,
		errors: ['forbidden', 'not_found']
	},
	async ({ app, actor, params }) => organisationFeedback(app, actor, uuidParam(params.id, 'Organisation'))
);
