import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { can } from '../policies/policies';
import { notFound } from '../http/errors';
import { findOrganisationScope } from '../organisations/queries';
import { listOrganisationActivityIds, loadActivities } from './queries';
import type { ActivityStatus } from '../../activities/vocabulary';

/** An organisation's activities: all statuses for those who may see drafts, published ones for others. */
export async function listOrganisationActivities(
	app: Pick<AppContext, 'db'>,
	actor: Actor,
	organisationId: string,
	query: { status?: ActivityStatus | undefined; page: number; limit: number }
) {
	const org = await findOrganisationScope(app.db, organisationId);
	if (!org) throw notFound('Organisation');
	const insider = can(actor, 'activity.readPrivate', { cityId: org.cityId, organisationId });
	if (!insider && org.status !== 'approved') throw notFound('Organisation');
	const status = insider ? query.status : 'published';
	const { ids, total } = await listOrganisationActivityIds(app.db, organisationId, { status }, query);
	return { items: await loadActivities(app.db, ids), total, page: query.page, limit: query.limit };
}
