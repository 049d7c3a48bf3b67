import { z } from 'zod';
import { endpoint } from '$lib/server/http/endpoint';
import { FrameworkSummaryDto } from '$lib/server/frameworks/schemas';
import { presentFrameworkSummary } from '$lib/server/frameworks/service';

export const GET = endpoint(
	{
		summary: 'List the competence frameworks',
		description: 'LifeComp, EntreComp, DigComp 2.2, GreenComp, P21 and ESCO transversal skills, with their sources and licences.',
		tags: ['Frameworks'],
		access: 'public',
		response: z.object({ items: z.array(FrameworkSummaryDto) }),
		cacheSeconds: 300
	},
	async ({ app }) => ({ items: app.frameworks.frameworks.map(presentFrameworkSummary) })
);
