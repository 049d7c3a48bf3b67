import type { PageServerLoad } from './$types';
import { listOrganisationActivities } from '$lib/server/activities/listing';
import { ActivityStatus } from '$lib/server/activities/schemas';
import { can } from '$lib/server/policies/policies';
import { pickText } from '$lib/i18n/locales';

export const load: PageServerLoad = async ({ locals, params, parent, url }) => {
	const { org } = await parent();
	const status = ActivityStatus.optional().catch(undefined).parse(url.searchParams.get('status') ?? undefined);
	const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
	const result = await listOrganisationActivities(locals.app, locals.actor, params.id, { status, page, limit: 50 });
	return {
		status: status ?? null,
		canCreate: org.status === 'approved' && can(locals.actor, 'activity.create', { cityId: org.city.id, organisationId: org.id }),
		activities: result.items.map((a) => ({
			id: a.id,
			title: pickText(a.title, locals.locale, [a.city.defaultLocale]),
			status: a.status,
			startsAt: a.startsAt?.toISOString() ?? null,
			endsAt: a.endsAt?.toISOString() ?? null,
			alwaysOpen: a.alwaysOpen,
			timezone: a.city.timezone,
			taken: a.places.taken,
			capacity: a.capacity,
			qualityLabel: a.qualityLabel
		})),
		total: result.total,
		page,
		limit: 50
	};
};
