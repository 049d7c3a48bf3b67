import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { removeParticipant } from '$lib/server/enrolments/service';
import { EnrolmentDto, presentEnrolment } from '$lib/server/enrolments/presenters';

export const DELETE = endpoint(
	{
		summary: 'Remove a participant from an activity',
		description:
			'Members of the organisation that runs the activity. The enrolment becomes `left`; the participant is told by e-mail, and a freed place goes to the first person waiting, who is told too. Only enrolments that are `joined` or `waitlisted` can be removed (409 otherwise): handed-in evidence is rejected through its review, and an awarded badge is revoked. The person may join again while places are free.',
		tags: ['Enrolments'],
		access: 'user',
		response: EnrolmentDto,
		errors: ['invalid_state']
	},
	async ({ app, actor, params }) => {
		return presentEnrolment(await removeParticipant(app, actor, uuidParam(params.id, 'Enrolment')));
	}
);
