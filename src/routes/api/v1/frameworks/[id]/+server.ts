import { endpoint } from '$lib/server/http/endpoint';
import { FrameworkDto } from '$lib/server/frameworks/schemas';
import { frameworkTree, presentFrameworkSummary } from '$lib/server/frameworks/service';
import { notFound } from '$lib/server/http/errors';

export const GET = endpoint(
	{
		summary: 'A framework as a tree',
		description: 'Areas, competences and descriptors (and progression or proficiency levels where the framework has them). Item ids are `<framework>:<code>`.',
		tags: ['Frameworks'],
		access: 'public',
		response: FrameworkDto,
		errors: ['not_found'],
		cacheSeconds: 300
	},
	async ({ app, params }) => {
		const framework = app.frameworks.framework(params.id!);
		if (!framework) throw notFound('Framework');
		return { ...presentFrameworkSummary(framework), items: frameworkTree(app.frameworks, framework.id) };
	}
);
