import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getTranslations, machineTranslate, saveTranslation } from '$lib/server/translation/service';
import { MachineTranslationInput, SaveTranslationInput } from '$lib/server/translation/schemas';
import { getActivity } from '$lib/server/activities/service';
import { handleForm } from '$lib/server/forms/forms';
import { AppError } from '$lib/server/http/errors';
import { requireSignedIn } from '$lib/server/pages/guards';
import { isUuid } from '$lib/server/http/validation';
import { pickText } from '$lib/i18n/locales';
import { LocaleCode } from '$lib/server/shared/schemas';

/** The side-by-side translation editor of an activity, for the members of its organisation. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	if (!isUuid(params.id)) error(404, 'Activity not found');
	try {
		const translations = await getTranslations(locals.app, actor, params.id);
		const activity = await getActivity(locals.app, actor, params.id);
		const source = translations.defaultSource;
		const targets = translations.locales.filter((l) => l.locale !== source);
		// The locale being edited: the one asked for, else the first without text, else the first other.
		const asked = targets.find((l) => l.locale === url.searchParams.get('locale'));
		const target = asked ?? targets.find((l) => l.status === 'missing') ?? targets[0];
		return {
			activity: { id: activity.id, status: activity.status, title: pickText(activity.title, locals.locale, [activity.city.defaultLocale]) },
			translations,
			source: translations.locales.find((l) => l.locale === source)!,
			target: target ?? null
		};
	} catch (cause) {
		if (cause instanceof AppError && cause.code === 'not_found') error(404, 'Activity not found');
		if (cause instanceof AppError && cause.code === 'forbidden') error(403, cause.message);
		throw cause;
	}
};

const MachineForm = MachineTranslationInput.extend({ locale: LocaleCode.optional() });
const SaveForm = SaveTranslationInput.extend({ locale: z.string() });

export const actions: Actions = {
	/** One locale's draft (the button in its row), or drafts for every locale without text. */
	machine: async ({ locals, params, request, url }) => {
		const actor = requireSignedIn(locals.actor, url);
		return handleForm(request, MachineForm, { booleans: ['overwriteReviewed'] }, async (input) => {
			const result = await machineTranslate(locals.app, actor, params.id, { ...(input.locale && { locales: [input.locale] }), overwriteReviewed: input.overwriteReviewed });
			return { done: 'machine' as const, translated: result.translated };
		});
	},
	save: async ({ locals, params, request, url }) => {
		const actor = requireSignedIn(locals.actor, url);
		return handleForm(request, SaveForm, {}, async (input, form) => {
			const { locale, ...texts } = input;
			// Empty optional fields are left out by the form reader; here they mean "no text".
			const cleared = { imageAlt: form.has('imageAlt') ? (texts.imageAlt ?? '') : undefined, badgeName: form.has('badgeName') ? (texts.badgeName ?? '') : undefined, badgeDescription: form.has('badgeDescription') ? (texts.badgeDescription ?? '') : undefined };
			await saveTranslation(locals.app, actor, params.id, locale, { ...texts, ...cleared });
			return { done: 'saved' as const, locale, status: input.status };
		});
	}
};
