import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { cityChecklist, setCityChecklist } from '$lib/server/quality/service';
import { ChecklistInput } from '$lib/server/quality/schemas';
import { failureFor, issuesToErrors } from '$lib/server/forms/forms';
import { toFieldIssues } from '$lib/server/http/validation';
import { AppError } from '$lib/server/http/errors';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { city, checklist } = await cityChecklist(locals.app, params.slug);
	return { checklist, locales: city.locales, custom: Boolean(city.qualityChecklist?.length) };
};

/** Rows `item.<n>.id`, `item.<n>.label.<locale>`, `item.<n>.help.<locale>`, `item.<n>.remove`. */
function readChecklist(form: FormData) {
	const items = [];
	for (let i = 0; form.has(`item.${i}.id`); i++) {
		if (form.has(`item.${i}.remove`)) continue;
		const id = String(form.get(`item.${i}.id`) ?? '').trim();
		const text = (kind: string) => {
			const out: Record<string, string> = {};
			for (const key of form.keys()) {
				const prefix = `item.${i}.${kind}.`;
				const value = String(form.get(key) ?? '').trim();
				if (key.startsWith(prefix) && value) out[key.slice(prefix.length)] = value;
			}
			return out;
		};
		const label = text('label');
		if (!id && Object.keys(label).length === 0) continue; // the empty row for adding one
		items.push({ id, label, help: text('help') });
	}
	return { items };
}

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const parsed = ChecklistInput.safeParse(readChecklist(await request.formData()));
		if (!parsed.success) return fail(422, { errors: issuesToErrors(toFieldIssues(parsed.error)) });
		try {
			await setCityChecklist(locals.app, locals.actor, params.slug, parsed.data.items);
			return { saved: true as const };
		} catch (cause) {
			if (cause instanceof AppError) return failureFor(cause);
			throw cause;
		}
	}
};
