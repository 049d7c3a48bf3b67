import { z } from 'zod';

/** Most recipients one bulk award takes; a larger event uploads several files. */
export const MAX_BULK_RECIPIENTS = 5000;

export const BulkRecipient = z.object({
	email: z.string().trim().toLowerCase().pipe(z.email().max(320)),
	name: z.string().trim().max(200).optional(),
	narrative: z.string().trim().max(2000).optional(),
	/** The line in the uploaded file (the UI sends it, so that messages name the right line). */
	row: z.int().min(1).optional()
});

export const BulkAwardInput = z.object({
	recipients: z.array(BulkRecipient).min(1).max(MAX_BULK_RECIPIENTS),
	reaward: z.boolean().default(false)
});
export type BulkAwardInput = z.output<typeof BulkAwardInput>;

export const AwardBatchDto = z
	.object({
		id: z.uuid(),
		activityId: z.uuid(),
		status: z.enum(['running', 'done']),
		total: z.int(),
		processed: z.int().describe('awarded + already + failed'),
		awarded: z.int(),
		already: z.int().describe('people who already held the badge (or appeared twice in the list)'),
		failed: z.int(),
		problems: z.array(z.object({ row: z.int(), email: z.string(), error: z.string().nullable() })),
		createdAt: z.iso.datetime(),
		finishedAt: z.iso.datetime().nullable(),
		url: z.string()
	})
	.meta({ id: 'AwardBatch' });
export type AwardBatchDto = z.infer<typeof AwardBatchDto>;
