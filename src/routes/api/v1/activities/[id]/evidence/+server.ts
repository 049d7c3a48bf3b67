import { z } from 'zod';
import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { listActivityEvidence } from '$lib/server/credentials/evidence';
import { EvidenceDto, presentEvidence } from '$lib/server/credentials/evidence-schemas';

export const GET = endpoint(
	{
		summary: 'Evidence handed in for an activity',
		description: 'Members of the organisation. Newest first (at most 500), with each learner; `status=submitted` gives the review queue.',
		tags: ['Badges'],
		access: 'user',
		query: z.object({ status: z.enum(['submitted', 'changes_requested', 'approved', 'rejected']).optional() }),
		response: z.object({ items: z.array(EvidenceDto.extend({ learner: z.object({ name: z.string(), email: z.string() }) })) })
	},
	async ({ app, actor, params, query }) => ({
		items: (await listActivityEvidence(app, actor, uuidParam(params.id, 'Activity'), query.status)).map((row) => ({ ...presentEvidence(row.evidence, app.config.publicUrl), learner: row.learner }))
	})
);
