import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { TranslationsDto } from '$lib/server/translation/schemas';
import { getTranslations } from '$lib/server/translation/service';

export const GET = endpoint(
	{
		summary: 'Translations of an activity, per locale',
		description:
			'For the organisation’s members: every locale of the city with its status (`missing`, `machine` draft, `reviewed`), whether the source changed since (`outdated`), the locale it was translated from, and its texts. Text typed in the normal editor counts as reviewed.',
		tags: ['Translations'],
		access: 'user',
		response: TranslationsDto
	},
	async ({ app, actor, params }) => getTranslations(app, actor, uuidParam(params.id, 'Activity'))
);
