import type { PageServerLoad } from './$types';
import { presentFrameworkSummary } from '$lib/server/frameworks/service';

export const load: PageServerLoad = ({ locals }) => ({
	frameworks: locals.app.frameworks.frameworks.map((framework) => ({
		...presentFrameworkSummary(framework),
		description: framework.items.filter((item) => item.type === 'area').map((item) => item.title)
	}))
});
