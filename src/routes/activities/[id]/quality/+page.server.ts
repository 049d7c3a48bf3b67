import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { activityQuality, reviewQuality, saveSelfAssessment } from '$lib/server/quality/service';
import { getActivity } from '$lib/server/activities/service';
import { failureFor, handleForm } from '$lib/server/forms/forms';
import { AppError } from '$lib/server/http/errors';
import { can } from '$lib/server/policies/policies';
import { requireSignedIn } from '$lib/server/pages/guards';
import { pickText } from '$lib/i18n/locales';

async function loadAll(locals: App.Locals, url: URL, id: string) {
	const actor = requireSignedIn(locals.actor, url);
	if (!/^[0-9a-f-]{36}$/i.test(id)) error(404, 'Activity not found');
	try {
		const activity = await getActivity(locals.app, actor, id);
		const quality = await activityQuality(locals.app, actor, id);
		return { actor, activity, quality };
	} catch (cause) {
		if (cause instanceof AppError && cause.code === 'not_found') error(404, 'Activity not found');
		throw cause;
	}
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { actor, activity, quality } = await loadAll(locals, url, params.id);
	const scope = { cityId: activity.cityId, organisationId: activity.organisationId };
	const fallbacks = [activity.city.defaultLocale];
	return {
		activity: { id: activity.id, status: activity.status, title: pickText(activity.title, locals.locale, fallbacks) },
		quality: {
			...quality,
			checklist: quality.checklist.map((c) => ({ id: c.id, label: pickText(c.label, locals.locale, fallbacks), help: pickText(c.help, locals.locale, fallbacks) }))
		},
		canAssess: can(actor, 'activity.manage', scope),
		canReview: can(actor, 'activity.quality.review', scope)
	};
};

export const actions: Actions = {
	assess: async ({ locals, params, request, url }) => {
		const { quality } = await loadAll(locals, url, params.id);
		const form = await request.formData();
		const answers = Object.fromEntries(
			quality.checklist.map((c) => [c.id, { met: form.get(`met.${c.id}`) === 'on', ...(String(form.get(`note.${c.id}`) ?? '').trim() && { note: String(form.get(`note.${c.id}`)).trim().slice(0, 1000) }) }])
		);
		try {
			await saveSelfAssessment(locals.app, locals.actor, params.id, answers);
			return { done: 'assessed' as const };
		} catch (cause) {
			if (cause instanceof AppError) return failureFor(cause);
			throw cause;
		}
	},
	review: async ({ locals, params, request, url }) => {
		await loadAll(locals, url, params.id);
		return handleForm(request, z.object({ decision: z.enum(['granted', 'withdrawn', 'changes_requested']), comment: z.string().trim().max(2000).optional() }), {}, async (input) => {
			await reviewQuality(locals.app, locals.actor, params.id, input);
			return { done: input.decision };
		});
	}
};
