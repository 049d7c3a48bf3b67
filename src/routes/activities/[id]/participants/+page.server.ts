import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { awardEnrolment } from '$lib/server/credentials/service';
import { uuidParam } from '$lib/server/http/endpoint';
import { translateError } from '$lib/server/forms/messages';
import { listParticipants, removeParticipant } from '$lib/server/enrolments/service';
import { presentParticipant } from '$lib/server/enrolments/presenters';
import { getActivity } from '$lib/server/activities/service';
import { AppError } from '$lib/server/http/errors';
import { requireSignedIn } from '$lib/server/pages/guards';
import { pickText } from '$lib/i18n/locales';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	if (!/^[0-9a-f-]{36}$/i.test(params.id)) error(404, 'Activity not found');
	try {
		const activity = await getActivity(locals.app, actor, params.id);
		const participants = (await listParticipants(locals.app, actor, params.id)).map((row) => presentParticipant('', row));
		return {
			activity: { id: activity.id, title: pickText(activity.title, locals.locale, [activity.city.defaultLocale]), capacity: activity.capacity },
			participants
		};
	} catch (cause) {
		if (cause instanceof AppError && cause.code === 'not_found') error(404, 'Activity not found');
		if (cause instanceof AppError && cause.code === 'forbidden') error(403, 'Organisers only');
		throw cause;
	}
};

export const actions: Actions = {
	/** Awards the activity's badge to one participant (idempotent, like the API). */
	award: async ({ locals, request, url }) => {
		const actor = requireSignedIn(locals.actor, url);
		const enrolmentId = String((await request.formData()).get('enrolmentId') ?? '');
		try {
			const { credential } = await awardEnrolment(locals.app, actor, uuidParam(enrolmentId, 'Enrolment'), {});
			return { awarded: credential.id };
		} catch (cause) {
			if (cause instanceof AppError) return fail(cause.status, { message: translateError(cause) });
			throw cause;
		}
	},
	/** Takes a participant off the activity (or its waiting list), as DELETE /api/v1/enrolments/{id} does. */
	remove: async ({ locals, request, url }) => {
		const actor = requireSignedIn(locals.actor, url);
		const enrolmentId = String((await request.formData()).get('enrolmentId') ?? '');
		try {
			const enrolment = await removeParticipant(locals.app, actor, uuidParam(enrolmentId, 'Enrolment'));
			return { removed: enrolment.id };
		} catch (cause) {
			if (cause instanceof AppError) return fail(cause.status, { message: translateError(cause) });
			throw cause;
		}
	}
};
