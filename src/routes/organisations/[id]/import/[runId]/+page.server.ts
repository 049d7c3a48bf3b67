import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { findRun } from '$lib/server/imports/service';
import { presentRun } from '$lib/server/imports/presenters';
import { AppError } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/validation';
import { requireSignedIn } from '$lib/server/pages/guards';

/** One import run: the progress of a background run (the page polls it), then its result report. */
export const load: PageServerLoad = async ({ locals, params, url, depends, parent }) => {
	depends('app:import-run');
	const actor = requireSignedIn(locals.actor, url);
	if (!isUuid(params.runId)) error(404, 'Import not found');
	const run = await findRun(locals.app, actor, params.runId).catch((cause: unknown) => {
		if (cause instanceof AppError && cause.code === 'not_found') error(404, 'Import not found');
		if (cause instanceof AppError && cause.code === 'forbidden') error(403, 'Members only');
		throw cause;
	});
	const { org } = await parent();
	if (run.organisationId !== org.id) error(404, 'Import not found');
	return { run: presentRun(run, '') };
};
