import { z } from 'zod';
import { PageQuery } from '../shared/schemas';

/** A day (the whole day, in UTC) or an exact instant. */
const DayOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const AuditLogQuery = PageQuery.extend({
	action: z.string().trim().min(1).max(100).optional().describe('Only events of this action, for example `credential.award`'),
	actor: z.uuid().optional().describe('Only events by this account'),
	from: DayOrInstant.optional().describe('Events on or after this day (UTC) or instant'),
	to: DayOrInstant.optional().describe('Events up to and including this day (UTC), or before this instant')
});
export type AuditLogQuery = z.output<typeof AuditLogQuery>;

export const AuditEventDto = z
	.object({
		id: z.string(),
		action: z.string().meta({ description: 'What was done, for example `organisation.approve` or `credential.award`' }),
		target: z.object({ type: z.string(), id: z.string() }),
		actor: z.object({ id: z.string(), name: z.string().nullable() }).nullable().meta({ description: 'Who did it; null when done by the platform itself' }),
		data: z.record(z.string(), z.unknown()).meta({ description: 'Details of the action' }),
		at: z.string()
	})
	.meta({ id: 'AuditEvent' });
export type AuditEventDto = z.infer<typeof AuditEventDto>;
