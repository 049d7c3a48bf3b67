import { z } from 'zod';
import { ImportFormatInput, ImportResultDto } from './schemas';

/** From every quarter of an hour to once a week. */
export const FEED_INTERVALS = [60, 360, 1440, 10080] as const;

export const FeedInput = z
	.object({
		// Any http(s) URL here; whether its address may be fetched is decided when subscribing (checkUrl).
		url: z.url({ protocol: /^https?$/ }).max(500).describe('Public http(s) address of the feed (an iCal file, a MOOChub or OOAPI endpoint, a page with schema.org data, another instance)'),
		format: ImportFormatInput.default('auto'),
		publish: z.boolean().default(false).describe('Publish complete records (or send them to the city’s review); the others stay drafts'),
		intervalMinutes: z.number().int().min(15).max(10080).default(1440).describe('How often it is fetched again')
	})
	.meta({ id: 'FeedInput' });
export type FeedInput = z.infer<typeof FeedInput>;

export const FeedDto = z
	.object({
		id: z.uuid(),
		organisationId: z.uuid(),
		url: z.string(),
		format: z.string(),
		publish: z.boolean(),
		intervalMinutes: z.int(),
		nextRunAt: z.iso.datetime(),
		lastRunAt: z.iso.datetime().nullable(),
		lastError: z.string().nullable().describe('Why the last run failed (the feed keeps its activities then)'),
		lastRunId: z.uuid().nullable(),
		createdAt: z.iso.datetime()
	})
	.meta({ id: 'Feed' });
export type FeedDto = z.infer<typeof FeedDto>;

export const FeedWithHistoryDto = FeedDto.extend({ runs: z.array(ImportResultDto) }).meta({ id: 'FeedWithHistory' });
