import { z } from 'zod';
import { endpoint } from '$lib/server/http/endpoint';
import { ChecklistInput, CriterionDto } from '$lib/server/quality/schemas';
import { cityChecklist, setCityChecklist } from '$lib/server/quality/service';

export const GET = endpoint(
	{ summary: 'A city’s quality checklist', tags: ['Quality'], access: 'public', response: z.object({ items: z.array(CriterionDto) }) },
	async ({ app, params }) => ({ items: (await cityChecklist(app, params.slug!)).checklist })
);

export const PUT = endpoint(
	{
		summary: 'Replace a city’s quality checklist',
		description: 'City admins. Criteria are worded per locale.',
		tags: ['Quality'],
		access: 'user',
		body: ChecklistInput,
		response: z.object({ items: z.array(CriterionDto) })
	},
	async ({ app, actor, params, body }) => ({ items: await setCityChecklist(app, actor, params.slug!, body.items) })
);
