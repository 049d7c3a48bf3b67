import { z } from 'zod';
import { endpoint } from '$lib/server/http/endpoint';
import { SkillDto, SkillSearchQuery } from '$lib/server/frameworks/schemas';
import { presentSkill } from '$lib/server/frameworks/service';
import { searchSkills } from '$lib/server/frameworks/search';

export const GET = endpoint(
	{
		summary: 'Search skills across frameworks',
		description: 'Every word of `q` must appear in the item’s code, title, alternative labels or description. Repeat `framework` to narrow the search.',
		tags: ['Frameworks'],
		access: 'public',
		query: SkillSearchQuery,
		response: z.object({ items: z.array(SkillDto) }),
		cacheSeconds: 60,
		direct: true
	},
	async ({ app, query }) => {
		const frameworkIds = query.framework === undefined ? undefined : [query.framework].flat();
		const items = searchSkills(app.frameworks, { q: query.q, frameworkIds, limit: query.limit });
		return { items: items.map((item) => presentSkill(app.frameworks, item)) };
	}
);
