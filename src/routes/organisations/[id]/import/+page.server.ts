import { error, fail, isRedirect, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { applyRun, listRuns, rereadCsvPreview, runImport } from '$lib/server/imports/service';
import { CSV_FIELDS } from '$lib/server/imports/record';
import { presentRun } from '$lib/server/imports/presenters';
import { IMPORT_BACKGROUND_FROM, ImportFormatInput } from '$lib/server/imports/schemas';
import { failureFor, readForm } from '$lib/server/forms/forms';
import { AppError } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/validation';
import { WebUrl } from '$lib/server/shared/schemas';
import { can } from '$lib/server/policies/policies';
import { requireSignedIn } from '$lib/server/pages/guards';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	const { org } = await parent();
	if (!can(actor, 'activity.create', { cityId: org.city.id, organisationId: org.id })) error(403, 'Members only');
	const runs = org.status === 'approved' ? await listRuns(locals.app, actor, org.id, 10) : [];
	return { recent: runs.map((run) => presentRun(run, '')) };
};

async function attempt<T>(fn: () => Promise<T>, values: Record<string, unknown> = {}) {
	try {
		return await fn();
	} catch (cause) {
		if (isRedirect(cause)) throw cause;
		if (cause instanceof AppError) {
			const failure = failureFor(cause, values);
			// What the file's records said is wrong (English, from the source) goes along for the page to list.
			const details = Array.isArray(cause.details) ? (cause.details as { record?: string; message?: string }[]).filter((d) => d.record).slice(0, 20) : [];
			return details.length ? fail(failure.status, { ...failure.data, recordErrors: details }) : failure;
		}
		throw cause;
	}
}

export const actions: Actions = {
	preview: async ({ locals, params, request, url }) => {
		const actor = requireSignedIn(locals.actor, url);
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		const file = form.get('file');
		const link = String(form.get('url') ?? '').trim();
		const format = ImportFormatInput.safeParse(form.get('format') || 'auto');
		const values = { url: link, format: String(form.get('format') ?? 'auto') };
		const hasFile = file instanceof File && file.size > 0;
		if (hasFile === Boolean(link)) return fail(422, { errors: { file: m.import_file_or_url() }, values });
		if (link && !WebUrl.safeParse(link).success) return fail(422, { errors: { url: m.error_field_url() }, values });
		if (!format.success) return fail(422, { errors: { format: m.error_field_choice() }, values });
		return attempt(async () => {
			const run = await runImport(locals.app, actor, {
				organisationId: params.id,
				format: format.data,
				...(hasFile ? { content: new Uint8Array(await (file as File).arrayBuffer()), filename: (file as File).name } : { url: link }),
				dryRun: true,
				publish: false,
				keepUnmapped: true
			});
			return { preview: presentRun(run, '') };
		}, values);
	},
	/** A spreadsheet read again with the columns the organiser chose for our fields. */
	columns: async ({ locals, request, url }) => {
		const actor = requireSignedIn(locals.actor, url);
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		const runId = String(form.get('run') ?? '');
		if (!isUuid(runId)) return fail(404, { message: m.error_not_found(), errors: {}, values: {} });
		// An empty choice leaves the field out, also where the guess had found a column for it.
		const csvMapping = Object.fromEntries(CSV_FIELDS.map((field) => [field, String(form.get(`column_${field}`) ?? '').slice(0, 200)]));
		const dateOrder = z.enum(['dmy', 'mdy']).safeParse(form.get('dateOrder'));
		return attempt(async () => {
			const run = await rereadCsvPreview(locals.app, actor, runId, { csvMapping, ...(dateOrder.success ? { dateOrder: dateOrder.data } : {}) });
			return { preview: presentRun(run, '') };
		});
	},
	apply: async ({ locals, params, request, url }) => {
		const actor = requireSignedIn(locals.actor, url);
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		const runId = String(form.get('run') ?? '');
		if (!isUuid(runId)) return fail(404, { message: m.error_not_found(), errors: {}, values: {} });
		const select = z.array(z.string().max(500)).parse(form.getAll('select').map(String));
		// Many records are written by a background job; its page shows the progress, then the report.
		const background = select.length >= IMPORT_BACKGROUND_FROM;
		const result = await attempt(async () => {
			const run = await applyRun(locals.app, actor, runId, { publish: form.has('publish'), select, background });
			if (run.status === 'queued') redirect(303, `/organisations/${params.id}/import/${run.id}`);
			return { applied: presentRun(run, '') };
		});
		return result;
	}
};
