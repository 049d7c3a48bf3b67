import { endpoint } from '$lib/server/http/endpoint';
import { Paged } from '$lib/server/shared/schemas';
import { AuditEventDto, AuditLogQuery } from '$lib/server/platform/audit-schemas';
import { listCityAuditLog } from '$lib/server/platform/audit-service';

export const GET = endpoint(
	{
		summary: 'A city’s audit log',
		description: 'Admin and award actions in the city (who, what, when), newest first. City admins and platform admins only.',
		tags: ['Cities'],
		access: 'user',
		query: AuditLogQuery,
		response: Paged(AuditEventDto)
	},
	async ({ app, actor, params, query }) => {
		const { items, total, page, limit } = await listCityAuditLog(app, actor, params.slug!, query);
		return { items, total, page, limit };
	}
);
