import type { Actions, PageServerLoad } from './$types';
import { awardableActivity } from '$lib/server/pages/activity-pages';
import { listActivityEvidence, reviewEvidence } from '$lib/server/credentials/evidence';
import { presentEvidence, ReviewEvidenceInput } from '$lib/server/credentials/evidence-schemas';
import { handleForm } from '$lib/server/forms/forms';
import { uuidParam } from '$lib/server/http/endpoint';
import { requireSignedIn } from '$lib/server/pages/guards';
import { pickText } from '$lib/i18n/locales';

/** The organiser's review queue: evidence waiting first, then what was decided. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { actor, activity } = await awardableActivity(locals, url, params.id);
	const rows = await listActivityEvidence(locals.app, actor, activity.id);
	const items = rows.map((row) => ({ ...presentEvidence(row.evidence, locals.app.config.publicUrl), learner: row.learner }));
	return {
		activity: { id: activity.id, title: pickText(activity.title, locals.locale, [activity.city.defaultLocale]) },
		waiting: items.filter((item) => item.status === 'submitted'),
		decided: items.filter((item) => item.status !== 'submitted')
	};
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const actor = requireSignedIn(locals.actor, url);
		return handleForm(request, ReviewEvidenceInput, {}, async (input, form) => {
			const reviewed = await reviewEvidence(locals.app, actor, uuidParam(String(form.get('evidenceId') ?? ''), 'Evidence'), input);
			return { reviewed: reviewed.status };
		});
	}
};
