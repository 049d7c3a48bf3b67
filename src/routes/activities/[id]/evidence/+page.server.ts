import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { activityForPage } from '$lib/server/pages/activity-pages';
import { myEnrolment } from '$lib/server/enrolments/service';
import { listEnrolmentEvidence, submitEvidence } from '$lib/server/credentials/evidence';
import { presentEvidence, SubmitEvidenceInput } from '$lib/server/credentials/evidence-schemas';
import { handleForm } from '$lib/server/forms/forms';
import { isUuid } from '$lib/server/http/validation';
import { requireSignedIn } from '$lib/server/pages/guards';
import { pickText } from '$lib/i18n/locales';

/** The learner's own evidence for an activity they take part in: what they sent, the reviews, the form. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	const activity = await activityForPage(locals, actor, params.id);
	const enrolment = await myEnrolment(locals.app, actor, activity.id);
	const evidence = enrolment ? await listEnrolmentEvidence(locals.app, actor, enrolment.id) : [];
	return {
		activity: { id: activity.id, selfAssessed: activity.badge?.assessment === 'self', title: pickText(activity.title, locals.locale, [activity.city.defaultLocale]), criteria: activity.badge ? pickText(activity.badge.criteria, locals.locale, [activity.city.defaultLocale]) : undefined },
		enrolmentStatus: enrolment?.status ?? null,
		evidence: evidence.map((row) => presentEvidence(row, locals.app.config.publicUrl))
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request, url }) => {
		const actor = requireSignedIn(locals.actor, url);
		if (!isUuid(params.id)) error(404, 'Activity not found');
		const enrolment = await myEnrolment(locals.app, actor, params.id);
		if (!enrolment) error(404, 'Not enrolled');
		return handleForm(request, SubmitEvidenceInput, {}, async (input, form) => {
			const file = form.get('file');
			const upload = file instanceof File && file.size > 0 ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : undefined;
			const submitted = await submitEvidence(locals.app, actor, enrolment.id, { ...input, file: upload });
			return { sent: true, awarded: submitted.status === 'approved' };
		});
	}
};
