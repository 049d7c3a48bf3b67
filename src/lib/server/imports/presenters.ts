import type { FeedRow } from './feeds';
import type { FeedDto } from './feed-schemas';
import type { ImportResultDto } from './schemas';
import type { ImportRunRow } from './service';
import { decodeBytes } from './parse';
import { csvLayout } from './formats/csv-mapping';

export function presentRun(run: ImportRunRow, publicUrl: string): ImportResultDto {
	return {
		id: run.id,
		url: `${publicUrl}/api/v1/imports/${run.id}`,
		format: run.format,
		status: run.status,
		progress: { processed: run.processed, total: run.total },
		message: run.message,
		dryRun: run.status === 'previewed',
		created: run.created,
		updated: run.updated,
		skipped: run.skipped,
		errors: run.errors,
		warnings: run.warnings,
		items: run.items.map((item) => ({
			id: item.activityId ?? null,
			sourceId: item.sourceId,
			title: item.title,
			action: item.action,
			status: item.status ?? null,
			reason: item.reason ?? null,
			url: item.activityId ? `${publicUrl}/activities/${item.activityId}` : null
		})),
		// A preview keeps its content: how a spreadsheet's columns were read can still be corrected.
		csv: run.format === 'csv' && run.status === 'previewed' && run.content ? { ...csvLayout(decodeBytes(run.content), run.readWith.csvMapping), dateOrder: run.readWith.dateOrder ?? null } : null,
		createdAt: run.createdAt.toISOString()
	};
}

/** The API's answer to an import: 200 with the result, or 202 with a queued run to poll at its `url`. */
export function answerRun(run: ImportRunRow, publicUrl: string): ImportResultDto | Response {
	const dto = presentRun(run, publicUrl);
	if (run.status !== 'queued') return dto;
	return new Response(JSON.stringify(dto), { status: 202, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', location: dto.url } });
}

export function presentFeed(feed: FeedRow): FeedDto {
	return {
		id: feed.id,
		organisationId: feed.organisationId,
		url: feed.url,
		format: feed.format,
		publish: feed.publish,
		intervalMinutes: feed.intervalMinutes,
		nextRunAt: feed.nextRunAt.toISOString(),
		lastRunAt: feed.lastRunAt?.toISOString() ?? null,
		lastError: feed.lastError,
		lastRunId: feed.lastRunId,
		createdAt: feed.createdAt.toISOString()
	};
}
