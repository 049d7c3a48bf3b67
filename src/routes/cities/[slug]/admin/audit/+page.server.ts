import type { PageServerLoad } from './$types';
import { AuditLogQuery } from '$lib/server/platform/audit-schemas';
import { cityAuditFilterChoices, listCityAuditLog } from '$lib/server/platform/audit-service';
import { searchParamsToObject } from '$lib/server/http/validation';

/**
 * The city's audit log with its filters. The filter form is a plain GET form; values that do not
 * parse (an edited address) are ignored rather than refused, as a list page should still show.
 */
export const load: PageServerLoad = async ({ locals, params, url, parent }) => {
	const { adminCity } = await parent();
	const raw = Object.fromEntries(Object.entries(searchParamsToObject(url.searchParams)).filter(([, value]) => value !== ''));
	const parsed = AuditLogQuery.safeParse({ ...raw, limit: 50 });
	const query = parsed.success ? parsed.data : AuditLogQuery.parse({ limit: 50 });
	const [log, choices] = await Promise.all([
		listCityAuditLog(locals.app, locals.actor, params.slug, query),
		cityAuditFilterChoices(locals.app, locals.actor, adminCity.id)
	]);
	return {
		filter: { action: query.action ?? '', actor: query.actor ?? '', from: query.from ?? '', to: query.to ?? '' },
		invalidFilter: !parsed.success,
		events: log.items,
		total: log.total,
		page: log.page,
		limit: log.limit,
		choices
	};
};
