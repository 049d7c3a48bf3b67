import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/pages/guards';
import { AppError } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/validation';
import { playlistImpact } from '$lib/server/surveys/impact';
import { pickText } from '$lib/i18n/locales';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSignedIn(locals.actor, url);
	if (!isUuid(params.id)) error(404, 'Playlist not found');
	try {
		const impact = await playlistImpact(locals.app, locals.actor, params.id);
		const text = (value: Record<string, string> | undefined) => pickText(value, locals.locale);
		return {
			impact: {
				...impact,
				playlist: { ...impact.playlist, title: text(impact.playlist.title) },
				followUp: impact.followUp && {
					...impact.followUp,
					questions: impact.followUp.questions.map((question) => ({ ...question, text: text(question.text), options: question.options?.map((option) => ({ ...option, label: text(option.label) })) }))
				}
			},
			generatedAt: new Date().toISOString()
		};
	} catch (caught) {
		if (caught instanceof AppError && (caught.status === 404 || caught.status === 403)) error(caught.status, caught.message);
		throw caught;
	}
};
