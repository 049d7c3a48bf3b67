import type { Actions, PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { activityForPage } from '$lib/server/pages/activity-pages';
import { listActivityEvidence, reviewerRole, reviewEvidence } from '$lib/server/credentials/evidence';
import { presentEvidence, ReviewEvidenceInput } from '$lib/server/credentials/evidence-schemas';
import { handleForm } from '$lib/server/forms/forms';
import { uuidParam } from '$lib/server/http/endpoint';
import { requireSignedIn } from '$lib/server/pages/guards';
import { pickText } from '$lib/i18n/locales';

/** The review queue, for the organisation and (peer-assessed badges) the badge's holders. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	const activity = await activityForPage(locals, actor, params.id);
	const role = await reviewerRole(locals.app, actor, { activityId: activity.id, cityId: activity.cityId, organisationId: activity.organisationId });
	if (!role) error(403, 'Organisers and peer reviewers only');
	const rows = await listActivityEvidence(locals.app, actor, activity.id);
	const items = rows.map((row) => ({ ...presentEvidence(row.evidence, locals.app.config.publicUrl), learner: row.learner }));
	return {
		activity: { id: activity.id, title: pickText(activity.title, locals.locale, [activity.city.defaultLocale]) },
		role,
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
