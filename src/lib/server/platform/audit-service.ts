import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { getCityOrThrow } from '../cities/service';
import { authorize } from '../policies/policies';
import { cityAuditChoices, queryCityAudit, type AuditFilter } from './audit';
import type { AuditEventDto, AuditLogQuery } from './audit-schemas';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A filter's bounds as instants: a day given as `from` starts at its midnight, as `to` includes it. */
function bounds(query: Pick<AuditLogQuery, 'from' | 'to'>): Pick<AuditFilter, 'from' | 'to'> {
	const to = query.to ? new Date(DAY.test(query.to) ? `${query.to}T00:00:00Z` : query.to) : undefined;
	if (to && query.to && DAY.test(query.to)) to.setUTCDate(to.getUTCDate() + 1);
	return { from: query.from ? new Date(DAY.test(query.from) ? `${query.from}T00:00:00Z` : query.from) : undefined, to };
}

/** A city's audit trail: who did what, when, for the city's admins (and platform admins). */
export async function listCityAuditLog(app: Pick<AppContext, 'db'>, actor: Actor, slug: string, query: AuditLogQuery) {
	const city = await getCityOrThrow(app, slug);
	authorize(actor, 'city.audit.read', { cityId: city.id });
	const { items, total } = await queryCityAudit(app.db, city.id, { action: query.action, actorId: query.actor, ...bounds(query) }, query);
	return { items: items.map(presentAuditEvent), total, page: query.page, limit: query.limit, city };
}

export async function cityAuditFilterChoices(app: Pick<AppContext, 'db'>, actor: Actor, cityId: string) {
	authorize(actor, 'city.audit.read', { cityId });
	return cityAuditChoices(app.db, cityId);
}

type AuditRow = Awaited<ReturnType<typeof queryCityAudit>>['items'][number];

export function presentAuditEvent(row: AuditRow): AuditEventDto {
	return {
		id: row.id,
		action: row.action,
		target: { type: row.targetType, id: row.targetId },
		actor: row.actorId ? { id: row.actorId, name: row.actorName } : null,
		data: row.data,
		at: row.createdAt.toISOString()
	};
}
