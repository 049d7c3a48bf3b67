import { error, fail } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { Actions, PageServerLoad } from './$types';
import { awardEnrolment } from '$lib/server/credentials/service';
import { credentials } from '$lib/server/credentials/schema';
import { translateError } from '$lib/server/forms/messages';
import { listParticipants } from '$lib/server/enrolments/service';
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
		const participants = (await listParticipants(locals.app, actor, params.id)).map(presentParticipant);
		const awarded = await locals.app.db
			.select({ id: credentials.id, enrolmentId: credentials.enrolmentId, revokedAt: credentials.revokedAt })
			.from(credentials)
			.where(eq(credentials.activityId, params.id));
		return {
			credentials: Object.fromEntries(awarded.map((c) => [c.enrolmentId ?? '', { id: c.id, revoked: c.revokedAt !== null }])),
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
		if (!/^[0-9a-f-]{36}$/i.test(enrolmentId)) return fail(400, { message: translateError(new AppError('bad_request', '')) });
		try {
			const { credential } = await awardEnrolment(locals.app, actor, enrolmentId, {});
			return { awarded: credential.id };
		} catch (cause) {
			if (cause instanceof AppError) return fail(cause.status, { message: translateError(cause) });
			throw cause;
		}
	}
};
