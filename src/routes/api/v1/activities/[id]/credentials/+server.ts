import { z } from 'zod';
import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { listActivityCredentials } from '$lib/server/credentials/service';
import { IssuedCredentialDto, presentIssuedCredential } from '$lib/server/credentials/presenters';

export const GET = endpoint(
	{
		summary: 'The credentials issued for an activity',
		description: 'Members of the organisation that runs the activity. Newest first, with each recipient (an account, or the e-mail address a credential waits at).',
		tags: ['Badges'],
		access: 'user',
		query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) }),
		response: z.object({ items: z.array(IssuedCredentialDto), total: z.int() })
	},
	async ({ app, actor, params, query }) => {
		const { rows, total } = await listActivityCredentials(app, actor, uuidParam(params.id, 'Activity'), query);
		return { items: rows.map((row) => presentIssuedCredential(row, app.config.publicUrl)), total };
	}
);
