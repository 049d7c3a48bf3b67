import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { reviewEvidence } from '$lib/server/credentials/evidence';
import { EvidenceDto, presentEvidence, ReviewEvidenceInput } from '$lib/server/credentials/evidence-schemas';

export const POST = endpoint(
	{
		summary: 'Review evidence: approve (award the badge), ask for more, or reject',
		description:
			'Members of the organisation that runs the activity. `approve` issues the badge (idempotent) with the evidence in the credential; `request_changes` lets the learner hand in again; `reject` ends the enrolment as rejected. The learner is told by e-mail, with the comment. A submission is reviewed once (409 after).',
		tags: ['Badges'],
		access: 'user',
		body: ReviewEvidenceInput,
		response: EvidenceDto,
		errors: ['invalid_state']
	},
	async ({ app, actor, params, body }) => presentEvidence(await reviewEvidence(app, actor, uuidParam(params.id, 'Evidence'), body), app.config.publicUrl)
);
