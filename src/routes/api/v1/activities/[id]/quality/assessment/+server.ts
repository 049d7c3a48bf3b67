import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { QualityDto, SelfAssessmentInput } from '$lib/server/quality/schemas';
import { saveSelfAssessment } from '$lib/server/quality/service';

export const PUT = endpoint(
	{
		summary: 'Save the organiser’s quality self-assessment',
		description: 'One answer per criterion of the city’s checklist: `{"answers": {"safeguarding": {"met": true, "note": "..."}}}`.',
		tags: ['Quality'],
		access: 'user',
		body: SelfAssessmentInput,
		response: QualityDto
	},
	async ({ app, actor, params, body }) => saveSelfAssessment(app, actor, uuidParam(params.id, 'Activity'), body.answers)
);
