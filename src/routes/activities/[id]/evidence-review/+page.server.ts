import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getActivity } from '$lib/server/activities/service';
import { listActivityEvidence, reviewEvidence } from '$lib/server/credentials/evidence';
import { presentEvidence, ReviewEvidenceInput } from '$lib/server/credentials/evidence-schemas';
import { handleForm } from '$lib/server/forms/forms';
import { AppError } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/validation';
import { uuidParam } from '$lib/server/http/endpoint';
import { can } from '$lib/server/policies/policies';
import { requireSignedIn } from '$lib/server/pages/guards';
import { pickText } from '$lib/i18n/locales';

/** The organiser's review queue: evidence waiting first, then what was decided. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	if (!isUuid(params.id)) error(404, 'Activity not found');
	const activity = await getActivity(locals.app, actor, params.id).catch((cause: unknown) => {
		if (cause instanceof AppError && cause.code === 'not_found') error(404, 'Activity not found');
		throw cause;
	});
	if (!can(actor, 'credential.award', { cityId: activity.cityId, organisationId: activity.organisationId })) error(403, 'Organisers only');
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
