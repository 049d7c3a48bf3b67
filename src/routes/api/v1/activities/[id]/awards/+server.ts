import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { createAwardBatch, getAwardBatch } from '$lib/server/credentials/bulk';
import { AwardBatchDto, BulkAwardInput, MAX_BULK_RECIPIENTS } from '$lib/server/credentials/bulk-schemas';
import { presentAwardBatch } from '$lib/server/credentials/bulk-presenters';

export const POST = endpoint(
	{
		summary: 'Award the activity’s badge to a list of e-mail addresses',
		description: `Members of the organisation that runs the activity (published or archived, with a badge). Up to ${MAX_BULK_RECIPIENTS} recipients, each with an optional name and narrative (the evidence in their credential). Answers 202 at once with the bulk award; it is worked through in the background: poll its \`url\` for progress. People with an account receive the credential; an e-mail without an account receives it too, with an invitation, and the credential becomes theirs when they verify that address. Idempotent: someone who already holds the badge (or appears twice) is counted as \`already\`, unless \`reaward\` is true (one new credential per bulk award). A restart resumes unfinished bulk awards; nothing is issued twice.`,
		tags: ['Badges'],
		access: 'user',
		body: BulkAwardInput,
		response: AwardBatchDto,
		status: 202,
		errors: ['invalid_state'],
		bodyLimit: 4 * 1024 * 1024
	},
	async ({ app, actor, params, body }) => {
		const batch = await createAwardBatch(app, actor, uuidParam(params.id, 'Activity'), body);
		return presentAwardBatch(app.config.publicUrl, await getAwardBatch(app, actor, batch.id));
	}
);
