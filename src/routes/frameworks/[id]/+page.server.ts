import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { frameworkTree, presentFrameworkSummary, presentSkill } from '$lib/server/frameworks/service';
import { searchSkills } from '$lib/server/frameworks/search';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const framework = locals.app.frameworks.framework(params.id);
	if (!framework) error(404, 'Framework not found');
	const q = url.searchParams.get('q')?.trim().slice(0, 200) ?? '';
	return {
		framework: presentFrameworkSummary(framework),
		q,
		matches: q ? searchSkills(locals.app.frameworks, { q, frameworkIds: [framework.id], limit: 100 }).map((item) => presentSkill(locals.app.frameworks, item)) : null,
		tree: q ? [] : frameworkTree(locals.app.frameworks, framework.id)
	};
};
