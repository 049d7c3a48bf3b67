import { z } from 'zod';
import { Email } from '../accounts/schemas';

export const GuardianConsentInput = z
	.object({
		guardianName: z.string().trim().min(1).max(200),
		guardianEmail: Email
	})
	.meta({ id: 'GuardianConsentInput' });
export type GuardianConsentInput = z.infer<typeof GuardianConsentInput>;

export const GuardianConsentDto = z
	.object({
		/** `none`: never asked; `requested`: mailed, waiting; `expired`: the link ran out; `confirmed`: given. */
		status: z.enum(['none', 'requested', 'expired', 'confirmed']),
		guardianName: z.string().nullable(),
		guardianEmail: z.string().nullable(),
		requestedAt: z.iso.datetime().nullable(),
		confirmedAt: z.iso.datetime().nullable()
	})
	.meta({ id: 'GuardianConsent' });
export type GuardianConsentDto = z.infer<typeof GuardianConsentDto>;

export const GuardianConsentRequestDto = z
	.object({ learnerName: z.string(), guardianName: z.string(), confirmed: z.boolean() })
	.meta({ id: 'GuardianConsentRequest' });
