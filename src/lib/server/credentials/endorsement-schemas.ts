import { z } from 'zod';
import type { EndorsementRow } from './endorsements';

export const EndorseInput = z.object({
	organisationId: z.uuid().describe('The endorsing organisation (you are its owner or admin)'),
	comment: z.string().trim().min(1).max(1000).describe('Why this organisation vouches for the badge')
});

export const EndorsementDto = z
	.object({
		id: z.uuid(),
		activityId: z.uuid(),
		endorser: z.object({ id: z.uuid(), name: z.string() }),
		comment: z.string(),
		createdAt: z.iso.datetime(),
		url: z.string().describe('The signed EndorsementCredential'),
		credential: z.record(z.string(), z.unknown())
	})
	.meta({ id: 'Endorsement' });
export type EndorsementDto = z.infer<typeof EndorsementDto>;

export function presentEndorsement(row: EndorsementRow, endorser: { id: string; name: string }, publicUrl: string): EndorsementDto {
	return {
		id: row.id,
		activityId: row.activityId,
		endorser,
		comment: row.comment,
		createdAt: row.createdAt.toISOString(),
		url: `${publicUrl}/endorsements/${row.id}`,
		credential: row.document
	};
}
