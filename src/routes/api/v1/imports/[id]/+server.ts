import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { ImportResultDto } from '$lib/server/imports/schemas';
import { findRun } from '$lib/server/imports/service';
import { presentRun } from '$lib/server/imports/presenters';

export const GET = endpoint(
	{ summary: 'An import', description: 'Members of its organisation: what the import would do (a preview) or did.', tags: ['Imports'], access: 'user', response: ImportResultDto, errors: ['not_found'] },
	async ({ app, actor, params }) => presentRun(await findRun(app, actor, uuidParam(params.id, 'Import')), app.config.publicUrl)
);
