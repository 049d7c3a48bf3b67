import { endpoint, uuidParam } from '$lib/server/http/endpoint';
import { ApplyImportInput, ImportResultDto } from '$lib/server/imports/schemas';
import { applyRun } from '$lib/server/imports/service';
import { answerRun } from '$lib/server/imports/presenters';

export const POST = endpoint(
	{
		summary: 'Apply a previewed import',
		description: 'Imports what the preview (a `dryRun`) read, as it was read; `select` limits it to some records. A preview is applied once (409 after). `background` answers 202 with the run (`queued`) and applies it as a background job: poll its `url`.',
		tags: ['Imports'],
		access: 'user',
		body: ApplyImportInput.default({ publish: false, background: false }),
		response: ImportResultDto,
		accepted: 'With `background: true`: the run, `queued`; poll its `url` (also in `Location`) for the progress and the result',
		errors: ['invalid_state', 'import_unreadable']
	},
	async ({ app, actor, params, body }) => answerRun(await applyRun(app, actor, uuidParam(params.id, 'Import'), body), app.config.publicUrl)
);
