import type { Actions, PageServerLoad } from './$types';
import { awardableActivity } from '$lib/server/pages/activity-pages';
import { createClaimCode, disableClaimCode, listClaimCodes } from '$lib/server/credentials/claims';
import { CreateClaimCodeInput, presentClaimCode } from '$lib/server/credentials/claim-schemas';
import { failureFor, readForm } from '$lib/server/forms/forms';
import { AppError } from '$lib/server/http/errors';
import { toFieldIssues } from '$lib/server/http/validation';
import { uuidParam } from '$lib/server/http/endpoint';
import { pickText } from '$lib/i18n/locales';
import { zonedToInstant } from '$lib/time/zones';


export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { actor, activity } = await awardableActivity(locals, url, params.id);
	const now = locals.app.now();
	return {
		activity: { id: activity.id, title: pickText(activity.title, locals.locale, [activity.city.defaultLocale]), hasBadge: Boolean(activity.badge), status: activity.status },
		timeZone: activity.city.timezone,
		codes: (await listClaimCodes(locals.app, actor, activity.id)).map((row) => presentClaimCode(row, locals.app.config.publicUrl, now))
	};
};

export const actions: Actions = {
	/** Times are typed in the city's time zone (datetime-local fields). */
	create: async ({ locals, params, request, url }) => {
		const { actor, activity } = await awardableActivity(locals, url, params.id);
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		const typed = (name: string) => String(form.get(name) ?? '').trim();
		const instant = (name: string) => (typed(name) ? (zonedToInstant(typed(name), activity.city.timezone)?.toISOString() ?? typed(name)) : undefined);
		const values = { validFrom: typed('validFrom'), validUntil: typed('validUntil'), maxClaims: typed('maxClaims') };
		const parsed = CreateClaimCodeInput.safeParse({ validFrom: instant('validFrom'), validUntil: instant('validUntil'), maxClaims: values.maxClaims ? Number(values.maxClaims) : undefined });
		if (!parsed.success) return failureFor(new AppError('validation_failed', '', toFieldIssues(parsed.error)), values);
		try {
			return { created: (await createClaimCode(locals.app, actor, activity.id, parsed.data)).id };
		} catch (cause) {
			if (cause instanceof AppError) return failureFor(cause, values);
			throw cause;
		}
	},
	disable: async ({ locals, params, request, url }) => {
		const { actor, activity } = await awardableActivity(locals, url, params.id);
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		try {
			await disableClaimCode(locals.app, actor, activity.id, uuidParam(String(form.get('codeId') ?? ''), 'Claim code'));
			return { disabled: true };
		} catch (cause) {
			if (cause instanceof AppError) return failureFor(cause);
			throw cause;
		}
	}
};
