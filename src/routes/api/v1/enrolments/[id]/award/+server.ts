import { z } from 'zod';
import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { awardEnrolment } from '$lib/server/credentials/service';
import { credentialUrl } from '$lib/server/credentials/did';

export const POST = endpoint(
	{
		summary: 'Award the activity’s badge to an enrolled learner',
		description:
			'Members of the organisation that runs the activity. Issues a signed Open Badges 3.0 credential (201). Awarding is idempotent: awarding the same learner again returns the credential already issued, with 200. The enrolment becomes `completed`.',
		tags: ['Badges'],
		access: 'user',
		body: z.object({ narrative: z.string().trim().min(1).max(2000).optional() }).default({}),
		response: z.object({ credential: z.object({ id: z.string(), url: z.string() }) }),
		status: 201,
		errors: ['invalid_state']
	},
	async ({ app, actor, params, body }) => {
		const { credential, created } = await awardEnrolment(app, actor, uuidParam(params.id, 'Enrolment'), body);
		return new Response(JSON.stringify({ credential: { id: credential.id, url: credentialUrl(app.config.publicUrl, credential.id) } }), {
			status: created ? 201 : 200,
			headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
		});
	}
);
