import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { auditEvents } from './schema';
import { users } from '../accounts/schema';

export interface AuditEntry {
	cityId: string | null;
	actorId: string | null;
	action: string;
	targetType: string;
	targetId: string;
	data?: Record<string, unknown>;
}

/** Records an admin or organisation action. Call it inside the transaction of the action itself. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
	await db.insert(auditEvents).values({ ...entry, data: entry.data ?? {} });
}

export function listCityAudit(db: Db, cityId: string, limit = 50) {
	return db
		.select({
			id: auditEvents.id,
			action: auditEvents.action,
			targetType: auditEvents.targetType,
			targetId: auditEvents.targetId,
			data: auditEvents.data,
			createdAt: auditEvents.createdAt,
			actorName: users.name
		})
		.from(auditEvents)
		.leftJoin(users, eq(users.id, auditEvents.actorId))
		.where(eq(auditEvents.cityId, cityId))
		.orderBy(desc(auditEvents.createdAt))
		.limit(limit);
}
