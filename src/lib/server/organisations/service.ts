import { eq } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { authorize, can, requireUser } from '../policies/policies';
import { AppError, invalidState, notFound } from '../http/errors';
import { recordAudit } from '../platform/audit';
import { getCityOrThrow } from '../cities/service';
import type { LocalizedText } from '../../i18n/locales';
import { memberships, organisations } from './schema';
import { findOrganisation, findOrganisationScope, searchOrganisations, type OrganisationWithCity } from './queries';
import type { CreateOrganisationInput, UpdateOrganisationInput } from './schemas';

type Deps = Pick<AppContext, 'db'>;

function toLocalizedText(value: string | LocalizedText | undefined, defaultLocale: string): LocalizedText | undefined {
	if (value === undefined) return undefined;
	if (typeof value === 'string') return value === '' ? {} : { [defaultLocale]: value };
	return value;
}

/** Registers an organisation as `pending`; the person registering it becomes its owner. */
export async function createOrganisation(app: Deps, actor: Actor, input: CreateOrganisationInput) {
	authorize(actor, 'organisation.create');
	const user = requireUser(actor);
	const city = await getCityOrThrow(app, input.city).catch((error: unknown) => {
		if (error instanceof AppError && error.code === 'not_found') {
			throw new AppError('validation_failed', 'There is no city with this slug.', [
				{ path: 'city', code: 'unknown_city', message: 'There is no city with this slug.' }
			]);
		}
		throw error;
	});
	const id = await app.db.transaction(async (tx) => {
		const [org] = await tx
			.insert(organisations)
			.values({
				cityId: city.id,
				name: input.name,
				type: input.type,
				email: input.email,
				website: input.website ?? null,
				description: toLocalizedText(input.description, city.defaultLocale) ?? {},
				createdBy: user.user.id
			})
			.returning({ id: organisations.id });
		await tx.insert(memberships).values({ cityId: city.id, organisationId: org!.id, userId: user.user.id, role: 'owner' });
		await recordAudit(tx, { cityId: city.id, actorId: user.user.id, action: 'organisation.create', targetType: 'organisation', targetId: org!.id });
		return org!.id;
	});
	return (await findOrganisation(app.db, id))!;
}

/**
 * An approved organisation is public; a pending or suspended one is visible to its members and the
 * city's admins only, and is a 404 for everyone else (its existence is not revealed).
 */
export async function getOrganisation(app: Deps, actor: Actor, id: string): Promise<OrganisationWithCity> {
	const scope = await findOrganisationScope(app.db, id);
	if (!scope) throw notFound('Organisation');
	const visible =
		scope.status === 'approved' || can(actor, 'organisation.readPrivate', { cityId: scope.cityId, organisationId: id });
	if (!visible) throw notFound('Organisation');
	return (await findOrganisation(app.db, id))!;
}

export async function listOrganisations(
	app: Deps,
	actor: Actor,
	query: { city?: string | undefined; status?: OrganisationWithCity['status'] | undefined; q?: string | undefined; page: number; limit: number }
) {
	const city = query.city ? await getCityOrThrow(app, query.city) : undefined;
	const status = query.status ?? 'approved';
	if (status !== 'approved') {
		// Pending and suspended organisations are listed only to those who review them.
		if (!city) {
			throw new AppError('validation_failed', 'Listing pending or suspended organisations needs a city.', [
				{ path: 'city', code: 'required', message: 'Give the city whose organisations to list.' }
			]);
		}
		authorize(actor, 'city.organisations.review', { cityId: city.id });
	}
	const result = await searchOrganisations(app.db, { cityId: city?.id, status, q: query.q }, query);
	return { ...result, page: query.page, limit: query.limit };
}

export async function updateOrganisation(app: Deps, actor: Actor, id: string, input: UpdateOrganisationInput) {
	const existing = await getOrganisation(app, actor, id);
	authorize(actor, 'organisation.update', { cityId: existing.cityId, organisationId: id });
	const city = await getCityOrThrow(app, existing.city.slug);
	await app.db.transaction(async (tx) => {
		await tx
			.update(organisations)
			.set({
				...(input.name !== undefined && { name: input.name }),
				...(input.type !== undefined && { type: input.type }),
				...(input.email !== undefined && { email: input.email }),
				...(input.website !== undefined && { website: input.website }),
				...(input.description !== undefined && { description: toLocalizedText(input.description, city.defaultLocale) })
			})
			.where(eq(organisations.id, id));
		await recordAudit(tx, {
			cityId: existing.cityId,
			actorId: requireUser(actor).user.id,
			action: 'organisation.update',
			targetType: 'organisation',
			targetId: id,
			data: { fields: Object.keys(input) }
		});
	});
	return (await findOrganisation(app.db, id))!;
}

/** Approves a pending organisation, or reinstates a suspended one. */
export async function approveOrganisation(app: Deps, actor: Actor, id: string, now = new Date()) {
	return review(app, actor, id, 'approved', null, now);
}

/** Suspends an organisation (or declines a pending one) with a reason its members can read. */
export async function suspendOrganisation(app: Deps, actor: Actor, id: string, reason: string, now = new Date()) {
	return review(app, actor, id, 'suspended', reason, now);
}

async function review(
	app: Deps,
	actor: Actor,
	id: string,
	status: 'approved' | 'suspended',
	reason: string | null,
	now: Date
) {
	const scope = await findOrganisationScope(app.db, id);
	if (!scope) throw notFound('Organisation');
	authorize(actor, 'city.organisations.review', { cityId: scope.cityId });
	const reviewer = requireUser(actor);
	await app.db.transaction(async (tx) => {
		const [current] = await tx
			.select({ status: organisations.status })
			.from(organisations)
			.where(eq(organisations.id, id))
			.for('update');
		if (current?.status === status) {
			throw invalidState(status === 'approved' ? 'The organisation is already approved.' : 'The organisation is already suspended.');
		}
		await tx
			.update(organisations)
			.set({ status, statusReason: reason, reviewedAt: now, reviewedBy: reviewer.user.id })
			.where(eq(organisations.id, id));
		await recordAudit(tx, {
			cityId: scope.cityId,
			actorId: reviewer.user.id,
			action: status === 'approved' ? 'organisation.approve' : 'organisation.suspend',
			targetType: 'organisation',
			targetId: id,
			data: { from: current?.status, ...(reason ? { reason } : {}) }
		});
	});
	return (await findOrganisation(app.db, id))!;
}
