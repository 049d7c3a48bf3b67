import { error, fail, redirect, type ActionFailure } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { UpdateActivityInput } from '$lib/server/activities/schemas';
import { archiveActivity, duplicateActivity, publishActivity, resolveSuggestedSkills, updateActivity } from '$lib/server/activities/service';
import { removeActivityImage, setActivityImage } from '$lib/server/activities/images';
import { activityEditorContext } from '$lib/server/activities/editor';
import { activityFormToInput, activityToFormValues, formToValues, sessionRowCount } from '$lib/server/activities/form';
import { badgeImageVersion, imageUrl } from '$lib/server/activities/presenters';
import { removeBadgeImage, setBadgeImage } from '$lib/server/credentials/badge-upload';
import { attemptAction, failureFor, issuesToErrors, readForm, type FormFailure } from '$lib/server/forms/forms';
import { pickText } from '$lib/i18n/locales';
import { toFieldIssues } from '$lib/server/http/validation';
import { AppError } from '$lib/server/http/errors';
import { can } from '$lib/server/policies/policies';
import { requireSignedIn } from '$lib/server/pages/guards';
import { activityForPage } from '$lib/server/pages/activity-pages';


async function editable(locals: App.Locals, url: URL, id: string) {
	const actor = requireSignedIn(locals.actor, url);
	const activity = await activityForPage(locals, actor, id);
	if (!can(actor, 'activity.manage', { cityId: activity.cityId, organisationId: activity.organisationId })) error(403, 'Organisers only');
	return activity;
}

/**
 * A failure of the badge image form, shown in the badge section beside the file field rather than at
 * the top of the page; a field error says more than the generic message of its status.
 */
function badgeImageFailure(failure: ActionFailure<FormFailure>) {
	const { image, ...others } = failure.data.errors;
	const errors = image ? { ...others, badgeImage: image } : others;
	const message = Object.keys(errors).length ? undefined : failure.data.message;
	return fail(failure.status, { ...(message ? { message } : {}), errors, section: 'badgeImage' as const });
}


export const load: PageServerLoad = async ({ locals, params, url }) => {
	const activity = await editable(locals, url, params.id);
	const context = await activityEditorContext(locals.app, activity.cityId);
	const values = activityToFormValues(activity, context.locales[0] ?? context.city.defaultLocale);
	return {
		...context,
		activity: {
			id: activity.id,
			status: activity.status,
			reviewComment: activity.reviewComment,
			title: activity.title,
			organisation: activity.organisation,
			image: activity.imageKey ? imageUrl('', activity.imageKey) : null,
			badge: activity.badge
				? {
						image: `/activities/${activity.id}/badge.png?v=${badgeImageVersion(activity.badge)}`,
						uploaded: Boolean(activity.badge.imageKey),
						alt: pickText(activity.badge.imageAlt, locals.locale, [activity.city.defaultLocale])
					}
				: null
		},
		values,
		sessionRows: sessionRowCount(values),
		suggestedSkills: activity.suggestedSkills.flatMap((id) => {
			const item = locals.app.frameworks.item(id);
			return item ? [{ id, title: item.title, framework: locals.app.frameworks.framework(item.frameworkId)?.name ?? item.frameworkId }] : [];
		}),
		created: url.searchParams.has('created')
	};
};

export const actions: Actions = {
	/** The organiser keeps some of the skills an import suggested; the rest are dropped. */
	suggestions: async ({ locals, params, request, url }) => {
		await editable(locals, url, params.id);
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		return attemptAction(async () => {
			await resolveSuggestedSkills(locals.app, locals.actor, params.id, form.getAll('accept').map(String));
			return { done: 'saved' as const };
		});
	},
	save: async ({ locals, params, request, url }) => {
		const activity = await editable(locals, url, params.id);
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		const values = formToValues(form);
		const parsed = UpdateActivityInput.safeParse(activityFormToInput(form, activity.city.timezone));
		if (!parsed.success) return fail(422, { errors: issuesToErrors(toFieldIssues(parsed.error)), values });
		try {
			await updateActivity(locals.app, locals.actor, activity.id, parsed.data);
			return { done: 'saved' as const };
		} catch (cause) {
			if (cause instanceof AppError) return failureFor(cause, values);
			throw cause;
		}
	},
	publish: async ({ locals, params, url }) => {
		const activity = await editable(locals, url, params.id);
		return attemptAction(async () => ({ done: (await publishActivity(locals.app, locals.actor, activity.id)).status }));
	},
	archive: async ({ locals, params, url }) => {
		const activity = await editable(locals, url, params.id);
		return attemptAction(async () => ({ done: (await archiveActivity(locals.app, locals.actor, activity.id)).status }));
	},
	duplicate: async ({ locals, params, url }) => {
		const activity = await editable(locals, url, params.id);
		return attemptAction(async () => {
			const copy = await duplicateActivity(locals.app, locals.actor, activity.id);
			redirect(303, `/activities/${copy.id}/edit?created=1`);
		});
	},
	image: async ({ locals, params, request, url }) => {
		const activity = await editable(locals, url, params.id);
		const form = await request.formData().catch(() => undefined);
		const file = form?.get('image');
		if (!(file instanceof File) || file.size === 0) {
			return failureFor(new AppError('validation_failed', '', [{ path: 'image', code: 'required', message: 'Choose an image.' }]));
		}
		return attemptAction(async () => {
			await setActivityImage(locals.app, locals.actor, activity.id, new Uint8Array(await file.arrayBuffer()));
			return { done: 'image' as const };
		});
	},
	badgeImage: async ({ locals, params, request, url }) => {
		const activity = await editable(locals, url, params.id);
		const form = await readForm(request);
		if (!(form instanceof FormData)) return badgeImageFailure(form);
		const file = form.get('image');
		if (!(file instanceof File) || file.size === 0) {
			return badgeImageFailure(failureFor(new AppError('validation_failed', '', [{ path: 'image', code: 'required', message: 'Choose an image.' }])));
		}
		try {
			await setBadgeImage(locals.app, locals.actor, activity.id, new Uint8Array(await file.arrayBuffer()));
			return { done: 'badge_image' as const };
		} catch (cause) {
			if (cause instanceof AppError) return badgeImageFailure(failureFor(cause));
			throw cause;
		}
	},
	removeBadgeImage: async ({ locals, params, url }) => {
		const activity = await editable(locals, url, params.id);
		try {
			await removeBadgeImage(locals.app, locals.actor, activity.id);
			return { done: 'badge_image_removed' as const };
		} catch (cause) {
			if (cause instanceof AppError) return badgeImageFailure(failureFor(cause));
			throw cause;
		}
	},
	removeImage: async ({ locals, params, url }) => {
		const activity = await editable(locals, url, params.id);
		return attemptAction(async () => {
			await removeActivityImage(locals.app, locals.actor, activity.id);
			return { done: 'image_removed' as const };
		});
	}
};
