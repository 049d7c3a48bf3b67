import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { awardableActivity } from '$lib/server/pages/activity-pages';
import { createAwardBatch, listAwardBatches } from '$lib/server/credentials/bulk';
import { BulkAwardInput, MAX_BULK_RECIPIENTS } from '$lib/server/credentials/bulk-schemas';
import { readRecipientsCsv } from '$lib/server/credentials/recipients-csv';
import { failureFor, readForm } from '$lib/server/forms/forms';
import { translateIssue } from '$lib/server/forms/messages';
import { AppError, type FieldIssue } from '$lib/server/http/errors';
import { toFieldIssues } from '$lib/server/http/validation';
import { pickText } from '$lib/i18n/locales';
import { m } from '$lib/paraglide/messages';

/** A recipient list file: a few thousand lines fit in far less. */
const MAX_LIST_BYTES = 2 * 1024 * 1024;


export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { actor, activity } = await awardableActivity(locals, url, params.id);
	const batches = await listAwardBatches(locals.app, actor, activity);
	return {
		activity: { id: activity.id, title: pickText(activity.title, locals.locale, [activity.city.defaultLocale]), hasBadge: Boolean(activity.badge), status: activity.status },
		batches: batches.map((b) => ({ id: b.id, total: b.total, status: b.status, createdAt: b.createdAt.toISOString() }))
	};
};

/** One problem of the uploaded list as a sentence naming its line, in the page's language. */
function describeProblem(issue: FieldIssue, rows: number[]): string {
	if (issue.code === 'invalid_email_row') return m.bulk_award_line_email({ row: String(issue.params?.row ?? ''), value: String(issue.params?.value ?? '') });
	const onRecipient = /^recipients\.(\d+)\./.exec(issue.path);
	if (onRecipient) return m.bulk_award_line_problem({ row: String(rows[Number(onRecipient[1])] ?? ''), problem: translateIssue(issue) });
	if (issue.path === 'recipients' && issue.code === 'too_big') return m.bulk_award_too_many({ max: String(MAX_BULK_RECIPIENTS) });
	return translateIssue(issue);
}

export const actions: Actions = {
	default: async ({ locals, params, request, url }) => {
		const { actor, activity } = await awardableActivity(locals, url, params.id);
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		const file = form.get('file');
		const pasted = String(form.get('recipients') ?? '');
		const values = { recipients: pasted.slice(0, 20_000), reaward: form.has('reaward') };
		if (file instanceof File && file.size > MAX_LIST_BYTES) return failureFor(new AppError('payload_too_large', ''), values);
		const text = file instanceof File && file.size > 0 ? await file.text() : pasted;
		if (!text.trim()) return fail(422, { errors: { recipients: m.bulk_award_empty() }, values });

		const { recipients, issues } = readRecipientsCsv(text);
		const parsed = BulkAwardInput.safeParse({ recipients, reaward: values.reaward });
		const problems = [...issues, ...(parsed.success ? [] : toFieldIssues(parsed.error))];
		if (problems.length) {
			// The first ten, each naming its line; the list is fixed and sent again.
			const lines = problems.slice(0, 10).map((issue) => describeProblem(issue, recipients.map((r) => r.row)));
			return fail(422, { errors: { recipients: m.bulk_award_fix_lines({ count: String(problems.length) }) }, lines, values });
		}
		try {
			const batch = await createAwardBatch(locals.app, actor, activity.id, parsed.data!);
			redirect(303, `/activities/${activity.id}/awards/${batch.id}`);
		} catch (cause) {
			if (cause instanceof AppError) return failureFor(cause, values);
			throw cause;
		}
	}
};
