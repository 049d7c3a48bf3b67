import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/pages/guards';
import { loadDashboard } from '$lib/server/stats/pages';
import { setTargets } from '$lib/server/stats/service';
import { TargetsInput } from '$lib/server/stats/schemas';
import { TARGET_METRIC_IDS } from '$lib/server/stats/metrics';
import { failureFor, issuesToErrors } from '$lib/server/forms/forms';
import { toFieldIssues } from '$lib/server/http/validation';
import { AppError } from '$lib/server/http/errors';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	return { ...(await loadDashboard(locals.app, actor, { kind: 'city', slug: params.slug }, url, locals.locale ?? 'en')), metrics: TARGET_METRIC_IDS };
};

export const actions: Actions = {
	/**
	 * One number field per metric (`target_<metric>`), as the API's list of targets; an empty field
	 * means no target. Errors come back under the field's own name.
	 */
	targets: async ({ locals, params, request, url }) => {
		const actor = requireSignedIn(locals.actor, url);
		const form = await request.formData();
		const values: Record<string, string> = {};
		const targets: { metric: string; target: unknown }[] = [];
		for (const metric of TARGET_METRIC_IDS) {
			const raw = String(form.get(`target_${metric}`) ?? '').trim();
			values[`target_${metric}`] = raw;
			if (raw !== '') targets.push({ metric, target: Number.isFinite(Number(raw.replace(',', '.'))) ? Number(raw.replace(',', '.')) : raw });
		}
		const parsed = TargetsInput.safeParse({ targets });
		if (!parsed.success) {
			const issues = toFieldIssues(parsed.error).map((issue) => {
				const index = Number(issue.path.split('.')[1]);
				return { ...issue, path: `target_${targets[index]?.metric ?? ''}` };
			});
			return fail(422, { errors: issuesToErrors(issues), values });
		}
		try {
			await setTargets(locals.app, actor, params.slug, parsed.data);
			return { saved: true as const };
		} catch (cause) {
			if (cause instanceof AppError) return failureFor(cause, values);
			throw cause;
		}
	}
};
