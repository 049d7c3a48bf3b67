import { z } from 'zod';
import { endpoint } from '$lib/server/http/endpoint';
import { listMyCredentials } from '$lib/server/credentials/service';
import { CredentialDto, presentCredential } from '$lib/server/credentials/presenters';

export const GET = endpoint(
	{
		summary: 'My credentials',
		description: 'The badges awarded to the signed-in learner, newest first, each with its signed Open Badges 3.0 credential.',
		tags: ['Badges'],
		access: 'user',
		response: z.object({ items: z.array(CredentialDto) })
	},
	async ({ app, actor }) => ({ items: (await listMyCredentials(app, actor)).map((row) => presentCredential(row, app.config.publicUrl)) })
);
