import { endpoint } from '$lib/server/http/endpoint';
import { claimBadge } from '$lib/server/credentials/claims';
import { ClaimInput } from '$lib/server/credentials/claim-schemas';
import { credentialUrl } from '$lib/server/credentials/did';
import { z } from 'zod';

export const POST = endpoint(
	{
		summary: 'Claim a badge with a code',
		description:
			'Anyone signed in. Gives the activity’s badge to the signed-in learner (201), once: entering the code again returns the same credential (200). 404 for an unknown code, 410 `code_expired` after its end (or when switched off), 409 `code_not_yet_valid` or `code_used_up`. Rate-limited per account (RATE_LIMIT_CLAIM).',
		tags: ['Badges'],
		access: 'user',
		body: ClaimInput,
		response: z.object({ credential: z.object({ id: z.string(), url: z.string() }) }),
		status: 201,
		errors: ['code_expired', 'code_not_yet_valid', 'code_used_up', 'rate_limited']
	},
	async ({ app, actor, body }) => {
		const { credential, created } = await claimBadge(app, actor, body.code);
		return new Response(JSON.stringify({ credential: { id: credential.id, url: credentialUrl(app.config.publicUrl, credential.id) } }), {
			status: created ? 201 : 200,
			headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
		});
	}
);
