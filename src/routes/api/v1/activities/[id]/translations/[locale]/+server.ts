import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { SaveTranslationInput, TranslationsDto } from '$lib/server/translation/schemas';
import { saveTranslation } from '$lib/server/translation/service';

export const PUT = endpoint(
	{
		summary: 'Save one locale’s translation',
		description:
			'A person’s translation, or their edit of a machine draft. `status: "reviewed"` (the default) marks it as checked: it is then shown without the machine translation notice. Empty optional texts remove that locale’s text.',
		tags: ['Translations'],
		access: 'user',
		body: SaveTranslationInput,
		response: TranslationsDto,
		errors: ['invalid_state']
	},
	async ({ app, actor, params, body }) => saveTranslation(app, actor, uuidParam(params.id, 'Activity'), params.locale ?? '', body)
);
