import type { Actions, PageServerLoad } from './$types';
import { z } from 'zod';
import { listOrganisations, approveOrganisation, suspendOrganisation } from '$lib/server/organisations/service';
import { OrganisationStatus } from '$lib/server/organisations/schemas';
import { handleForm } from '$lib/server/forms/forms';
import { listCityAudit } from '$lib/server/platform/audit';

export const load: PageServerLoad = async ({ locals, params, url, parent }) => {
	const { adminCity } = await parent();
	const status = OrganisationStatus.catch('pending').parse(url.searchParams.get('status') ?? 'pending');
	const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
	const result = await listOrganisations(locals.app, locals.actor, { city: params.slug, status, page, limit: 50 });
	const audit = await listCityAudit(locals.app.db, adminCity.id, 20);
	return {
		status,
		created: url.searchParams.has('created'),
		organisations: result.items.map((org) => ({
			id: org.id,
			name: org.name,
			type: org.type,
			email: org.email,
			website: org.website,
			statusReason: org.statusReason,
			createdAt: org.createdAt.toISOString()
		})),
		total: result.total,
		audit: audit.map((event) => ({ ...event, createdAt: event.createdAt.toISOString() }))
	};
};

const Target = z.object({ id: z.uuid() });

export const actions: Actions = {
	approve: async (event) =>
		handleForm(event.request, Target, {}, async ({ id }) => {
			const org = await approveOrganisation(event.locals.app, event.locals.actor, id);
			return { done: 'approved' as const, name: org.name };
		}),
	suspend: async (event) =>
		handleForm(event.request, Target.extend({ reason: z.string().trim().min(1).max(1000) }), {}, async ({ id, reason }) => {
			const org = await suspendOrganisation(event.locals.app, event.locals.actor, id, reason);
			return { done: 'suspended' as const, name: org.name };
		})
};

