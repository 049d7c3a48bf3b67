import { z } from 'zod';
import type { ClaimCodeRow } from './claims';

const DateTime = z.iso.datetime({ offset: true }).meta({ example: '2027-03-14T18:00:00+01:00' });

export const CreateClaimCodeInput = z
	.object({
		validFrom: DateTime.optional().describe('Defaults to now'),
		validUntil: DateTime,
		maxClaims: z.int().min(1).max(100_000).optional().describe('How many people may claim with it; no limit when left out')
	})
	.refine((input) => !input.validFrom || Date.parse(input.validUntil) > Date.parse(input.validFrom), {
		path: ['validUntil'],
		message: 'must be after validFrom',
		params: { code: 'ends_before_start' }
	});
export type CreateClaimCodeInput = z.output<typeof CreateClaimCodeInput>;

export const ClaimInput = z.object({ code: z.string().trim().min(4).max(40) });

export const ClaimCodeDto = z
	.object({
		id: z.uuid(),
		activityId: z.uuid(),
		code: z.string().describe('As shown to people: ABCD-EFGH (typing is forgiving about case, spaces and dashes)'),
		url: z.string().describe('The page that claims with this code; the QR code points here'),
		qrCodeUrl: z.string().describe('An SVG QR code of `url`'),
		validFrom: z.iso.datetime(),
		validUntil: z.iso.datetime(),
		maxClaims: z.int().nullable(),
		claimCount: z.int(),
		state: z.enum(['scheduled', 'active', 'expired', 'used_up', 'disabled'])
	})
	.meta({ id: 'ClaimCode' });
export type ClaimCodeDto = z.infer<typeof ClaimCodeDto>;

export function claimCodeState(row: ClaimCodeRow, now: Date): ClaimCodeDto['state'] {
	if (row.disabledAt) return 'disabled';
	if (now >= row.validUntil) return 'expired';
	if (row.maxClaims !== null && row.claimCount >= row.maxClaims) return 'used_up';
	return now < row.validFrom ? 'scheduled' : 'active';
}

export function presentClaimCode(row: ClaimCodeRow, publicUrl: string, now: Date): ClaimCodeDto {
	return {
		id: row.id,
		activityId: row.activityId,
		code: `${row.code.slice(0, 4)}-${row.code.slice(4)}`,
		url: `${publicUrl}/claim?code=${row.code}`,
		qrCodeUrl: `${publicUrl}/api/v1/activities/${row.activityId}/claim-codes/${row.id}/qr.svg`,
		validFrom: row.validFrom.toISOString(),
		validUntil: row.validUntil.toISOString(),
		maxClaims: row.maxClaims,
		claimCount: row.claimCount,
		state: claimCodeState(row, now)
	};
}
