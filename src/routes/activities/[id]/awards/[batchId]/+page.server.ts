import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getAwardBatch } from '$lib/server/credentials/bulk';
import { presentAwardBatch } from '$lib/server/credentials/bulk-presenters';
import { AppError } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/validation';
import { requireSignedIn } from '$lib/server/pages/guards';

/** A bulk award's progress; the page polls it while the award runs. */
export const load: PageServerLoad = async ({ locals, params, url, depends }) => {
	depends('app:award-batch');
	const actor = requireSignedIn(locals.actor, url);
	if (!isUuid(params.id) || !isUuid(params.batchId)) error(404, 'Bulk award not found');
	const found = await getAwardBatch(locals.app, actor, params.batchId).catch((cause: unknown) => {
		if (cause instanceof AppError && cause.code === 'not_found') error(404, 'Bulk award not found');
		if (cause instanceof AppError && cause.code === 'forbidden') error(403, 'Organisers only');
		throw cause;
	});
	if (found.batch.activityId !== params.id) error(404, 'Bulk award not found');
	return { batch: presentAwardBatch(locals.app.config.publicUrl, found) };
};
