import { z } from 'zod';
import { LocaleCode, WebUrl } from '../shared/schemas';
import { IMPORT_FORMATS } from './record';

/** Up to 10 MB of text in a JSON body (a file of 10,000 activities fits). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** From this many records the import page applies in the background (a job with a progress page). */
export const IMPORT_BACKGROUND_FROM = 200;

export const ImportFormatInput = z.enum(['auto', ...IMPORT_FORMATS]);

const options = {
	locale: LocaleCode.optional().describe('The language of the texts when the source does not say; the city’s default otherwise'),
	timezone: z.string().max(60).optional().describe('IANA time zone for times without one; the city’s otherwise'),
	csvMapping: z.record(z.string().max(40), z.string().max(200)).optional().describe('For CSV in another layout: our field -> their column name'),
	dateOrder: z.enum(['dmy', 'mdy']).optional().describe('For CSV: how to read 01/02/2030 (day first, or month first); the file decides when left out'),
	publish: z.boolean().default(false).describe('Publish the records that are complete (or send them to the city’s review); the others stay drafts'),
	select: z.array(z.string().max(500)).max(20_000).optional().describe('Only these records (by source id); all by default'),
	background: z.boolean().default(false).describe('Apply as a background job: answers 202 at once with the run (`queued`); poll its `url` for `progress` and, once `applied`, the result. For large files. Ignored for a dry run')
};

export const ImportInput = z
	.object({
		organisationId: z.uuid(),
		format: ImportFormatInput.default('auto'),
		content: z.string().max(IMPORT_MAX_BYTES).optional().describe('The file’s text'),
		url: WebUrl.optional().describe('Or where to fetch it (public http(s) addresses only; 10 MB, 20 s)'),
		filename: z.string().trim().max(200).optional().describe('Helps `auto` detection'),
		dryRun: z.boolean().default(false).describe('Only say what would happen; the preview can then be applied as it is'),
		...options
	})
	.refine((input) => Boolean(input.content) !== Boolean(input.url), { path: ['content'], message: 'give either content or url', params: { code: 'content_or_url' } })
	.meta({ id: 'ImportInput' });
export type ImportInput = z.infer<typeof ImportInput>;

export const ApplyImportInput = z.object({ publish: options.publish, select: options.select, background: options.background }).meta({ id: 'ApplyImportInput' });

export const ImportResultDto = z
	.object({
		id: z.uuid().describe('The import run: apply a preview with POST /api/v1/imports/{id}/apply'),
		format: z.string(),
		url: z.string().describe('This run in the API: GET it for the progress of a background run'),
		status: z.enum(['previewed', 'queued', 'running', 'applied', 'failed']).describe('`queued` and `running`: a background run on its way; `applied`: done'),
		progress: z.object({ processed: z.int(), total: z.int() }).describe('Records written so far, of all to write'),
		message: z.string().nullable().describe('Why a background run failed'),
		dryRun: z.boolean(),
		created: z.int(),
		updated: z.int(),
		skipped: z.int(),
		errors: z.array(z.object({ record: z.string(), message: z.string() })).describe('Records that cannot be imported, and why'),
		warnings: z.array(z.object({ record: z.string(), message: z.string() })).describe('Assumptions to check (a time zone, day-first dates) and records left out on purpose (cancelled)'),
		items: z.array(
			z.object({
				id: z.uuid().nullable().describe('The activity (null for a record not created)'),
				sourceId: z.string(),
				title: z.string(),
				action: z.enum(['create', 'update', 'skip', 'error', 'archive']).describe('`archive`: a subscribed feed no longer has the record, so its activity was archived'),
				status: z.string().nullable().describe('The activity’s status'),
				reason: z.string().nullable().describe('Why skipped, what is missing to publish, or what is wrong'),
				url: z.string().nullable()
			})
		),
		csv: z
			.object({
				columns: z.array(z.object({ name: z.string(), example: z.string().describe('Its value in the first row') })),
				mapping: z.record(z.string(), z.string().nullable()).describe('Our field -> the column read for it (null: none)'),
				dateOrder: z.enum(['dmy', 'mdy']).nullable().describe('How dates like 01/02/2030 were read when given; null: the file decided')
			})
			.nullable()
			.describe('A CSV preview only: the file’s columns and how they were read. To read it differently, import it again with a corrected `csvMapping` (an empty column name leaves a field out)'),
		createdAt: z.iso.datetime()
	})
	.meta({ id: 'ImportResult' });
export type ImportResultDto = z.infer<typeof ImportResultDto>;
