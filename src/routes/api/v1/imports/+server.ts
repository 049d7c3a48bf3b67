import { z } from 'zod';
import { endpoint } from '$lib/server/http/endpoint';
import { ImportInput, ImportResultDto, IMPORT_MAX_BYTES } from '$lib/server/imports/schemas';
import { listRuns, runImport } from '$lib/server/imports/service';
import { answerRun, presentRun } from '$lib/server/imports/presenters';

export const POST = endpoint(
	{
		summary: 'Import learning opportunities',
		description:
			'Members of an approved organisation. Reads `content` or fetches `url` (public addresses only), in a `format` (`auto` detects it from the content and `filename`): iCalendar, schema.org JSON-LD (a file or an HTML page), CSV (our template, or another layout with `csvMapping`), MOOChub, ELM/Europass, Eventbrite, OOAPI, or another instance of this platform. Each record becomes a draft activity with its provenance; importing the same source again updates what it made (by the source’s id) and skips what did not change. `dryRun` only reports what would happen and keeps the preview to apply as it is. `publish` publishes the complete records (the city may review them first). `background` answers 202 at once with the run (`queued`) and applies it as a background job: poll its `url` (`progress`, then the result once `applied`, or `failed` with a `message`); use it for large files. A file nothing can be read from is refused (422, `import_unreadable`) and changes nothing.',
		tags: ['Imports'],
		access: 'user',
		body: ImportInput,
		response: ImportResultDto,
		bodyLimit: IMPORT_MAX_BYTES + 64 * 1024,
		accepted: 'With `background: true`: the run, `queued`; poll its `url` (also in `Location`) for the progress and the result',
		errors: ['import_unreadable', 'url_not_allowed', 'fetch_failed', 'invalid_state']
	},
	async ({ app, actor, body }) => answerRun(await runImport(app, actor, body), app.config.publicUrl)
);

export const GET = endpoint(
	{
		summary: 'Recent imports of an organisation',
		description: 'Members of the organisation: the last 20 runs, newest first, with what each did.',
		tags: ['Imports'],
		access: 'user',
		query: z.object({ organisation: z.uuid() }),
		response: z.object({ items: z.array(ImportResultDto) })
	},
	async ({ app, actor, query }) => ({ items: (await listRuns(app, actor, query.organisation)).map((run) => presentRun(run, app.config.publicUrl)) })
);
