import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { MachineTranslationDto, MachineTranslationInput } from '$lib/server/translation/schemas';
import { machineTranslate } from '$lib/server/translation/service';

export const POST = endpoint(
	{
		summary: 'Make machine translation drafts',
		description:
			'Translates the source locale’s texts with the configured provider (LibreTranslate or DeepL) into the listed locales, by default every locale of the city without text. Reviewed text is kept unless `overwriteReviewed` is true. The drafts are marked as machine translated on public pages until someone reviews them. 503 `translation_unavailable` when no provider is configured; 502 `translation_failed` when the provider fails or is too slow, and then nothing is changed.',
		tags: ['Translations'],
		access: 'user',
		body: MachineTranslationInput,
		response: MachineTranslationDto,
		errors: ['translation_unavailable', 'translation_failed', 'invalid_state']
	},
	async ({ app, actor, params, body }) => machineTranslate(app, actor, uuidParam(params.id, 'Activity'), body)
);
