import { isUuid } from '$lib/server/http/validation';
import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { getOrganisation } from '$lib/server/organisations/service';
import { AppError } from '$lib/server/http/errors';
import { can } from '$lib/server/policies/policies';


/** An organisation's pages: hidden (404) unless approved or the viewer may see it. */
export const load: LayoutServerLoad = async ({ locals, params }) => {
	if (!isUuid(params.id)) error(404, 'Organisation not found');
	try {
		const org = await getOrganisation(locals.app, locals.actor, params.id);
		const scope = { cityId: org.cityId, organisationId: org.id };
		return {
			org: {
				id: org.id,
				name: org.name,
				type: org.type,
				email: org.email,
				website: org.website,
				description: org.description,
				status: org.status,
				statusReason: org.statusReason,
				city: org.city
			},
			can: {
				edit: can(locals.actor, 'organisation.update', scope),
				seeMembers: can(locals.actor, 'organisation.members.list', scope),
				invite: can(locals.actor, 'organisation.members.invite', scope),
				manageMembers: can(locals.actor, 'organisation.members.manage', scope),
				review: can(locals.actor, 'city.organisations.review', scope),
				dashboard: can(locals.actor, 'organisation.stats.read', scope),
				import: org.status === 'approved' && can(locals.actor, 'activity.create', scope)
			}
		};
	} catch (cause) {
		if (cause instanceof AppError && cause.code === 'not_found') error(404, 'Organisation not found');
		throw cause;
	}
};
