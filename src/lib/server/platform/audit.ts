import { and, asc, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
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

/** An event as lists show it, with the actor's name (null once the account is gone). */
const auditRow = {
	id: auditEvents.id,
	action: auditEvents.action,
	targetType: auditEvents.targetType,
	targetId: auditEvents.targetId,
	data: auditEvents.data,
	createdAt: auditEvents.createdAt,
	actorId: auditEvents.actorId,
	actorName: users.name
};

export function listCityAudit(db: Db, cityId: string, limit = 50) {
	return db
		.select(auditRow)
		.from(auditEvents)
		.leftJoin(users, eq(users.id, auditEvents.actorId))
		.where(eq(auditEvents.cityId, cityId))
		.orderBy(desc(auditEvents.createdAt))
		.limit(limit);
}

export interface AuditFilter {
	action?: string | undefined;
	actorId?: string | undefined;
	/** Events at or after this instant. */
	from?: Date | undefined;
	/** Events before this instant. */
	to?: Date | undefined;
}

function auditConditions(cityId: string, filter: AuditFilter): SQL | undefined {
	return and(
		eq(auditEvents.cityId, cityId),
		filter.action ? eq(auditEvents.action, filter.action) : undefined,
		filter.actorId ? eq(auditEvents.actorId, filter.actorId) : undefined,
		filter.from ? gte(auditEvents.createdAt, filter.from) : undefined,
		filter.to ? lt(auditEvents.createdAt, filter.to) : undefined
	);
}

/** One page of a city's audit trail, newest first, with the number of matching events. */
export async function queryCityAudit(db: Db, cityId: string, filter: AuditFilter, page: { page: number; limit: number }) {
	const where = auditConditions(cityId, filter);
	const [items, [counted]] = await Promise.all([
		db
			.select(auditRow)
			.from(auditEvents)
			.leftJoin(users, eq(users.id, auditEvents.actorId))
			.where(where)
			.orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
			.limit(page.limit)
			.offset((page.page - 1) * page.limit),
		db.select({ total: count() }).from(auditEvents).where(where)
	]);
	return { items, total: counted?.total ?? 0 };
}

/** The actions and the people that occur in a city's audit trail, for the filters of its page. */
export async function cityAuditChoices(db: Db, cityId: string) {
	const [actions, actors] = await Promise.all([
		db.selectDistinct({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.cityId, cityId)).orderBy(asc(auditEvents.action)),
		db
			.selectDistinct({ id: users.id, name: users.name })
			.from(auditEvents)
			.innerJoin(users, eq(users.id, auditEvents.actorId))
			.where(eq(auditEvents.cityId, cityId))
			.orderBy(asc(users.name))
	]);
	return { actions: actions.map((a) => a.action), actors };
}
