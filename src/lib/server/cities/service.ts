import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { authorize, requireUser } from '../policies/policies';
import { AppError, notFound } from '../http/errors';
import { recordAudit } from '../platform/audit';
import { users } from '../accounts/schema';
import { cities, cityAdmins } from './schema';
import { findCityBySlug, listAdminsOfCity, type CityRow } from './queries';
import type { CreateCityInput, UpdateCityInput } from './schemas';
import { setCityFrameworks } from '../frameworks/city-frameworks';
import { organisations } from '../organisations/schema';
import { createCityOffice } from '../organisations/city-office';

type Deps = Pick<AppContext, 'db' | 'frameworks'>;

/** Loads a city by slug or answers 404; cities are public, so no policy guards the read itself. */
export async function getCityOrThrow(app: Pick<AppContext, 'db'>, slug: string): Promise<CityRow> {
	const city = await findCityBySlug(app.db, slug);
	if (!city) throw notFound('City');
	return city;
}

export async function createCity(app: Deps, actor: Actor, input: CreateCityInput): Promise<CityRow> {
	authorize(actor, 'city.create');
	return unsafeCreateCity(app, input, requireUser(actor).user.id);
}

/** Creates a city without a policy check: for the CLI, which runs with the operator's authority. */
export async function unsafeCreateCity(app: Deps, input: CreateCityInput, actorId: string | null): Promise<CityRow> {
	return app.db.transaction(async (tx) => {
		const [city] = await tx
			.insert(cities)
			.values({
				slug: input.slug,
				name: input.name,
				tagline: input.tagline ?? {},
				locales: input.locales,
				defaultLocale: input.defaultLocale,
				timezone: input.timezone,
				centerLat: input.center.lat,
				centerLon: input.center.lon,
				moderateActivities: input.moderateActivities ?? false,
				guardianConsentUnder: input.guardianConsentUnder ?? null
			})
			.onConflictDoNothing({ target: cities.slug })
			.returning();
		if (!city) {
			throw new AppError('slug_taken', `A city with the slug "${input.slug}" already exists.`, [
				{ path: 'slug', code: 'slug_taken', message: 'This slug is taken.' }
			]);
		}
		if (input.frameworks) await setCityFrameworks(tx, app.frameworks, city.id, input.frameworks);
		await createCityOffice(tx, city, '', city.createdAt);
		await recordAudit(tx, { cityId: city.id, actorId, action: 'city.create', targetType: 'city', targetId: city.id });
		return city;
	});
}

export async function updateCity(app: Deps, actor: Actor, slug: string, input: UpdateCityInput): Promise<CityRow> {
	const existing = await getCityOrThrow(app, slug);
	authorize(actor, 'city.update', { cityId: existing.id });
	const locales = input.locales ?? existing.locales;
	const defaultLocale = input.defaultLocale ?? existing.defaultLocale;
	if (!locales.includes(defaultLocale)) {
		throw new AppError('validation_failed', 'The default language must be one of the city’s languages.', [
			{ path: 'defaultLocale', code: 'default_locale', message: 'must be one of the city’s locales' }
		]);
	}
	return app.db.transaction(async (tx) => {
		const [city] = await tx
			.update(cities)
			.set({
				...(input.name !== undefined && { name: input.name }),
				...(input.tagline !== undefined && { tagline: input.tagline }),
				...(input.timezone !== undefined && { timezone: input.timezone }),
				...(input.center !== undefined && { centerLat: input.center.lat, centerLon: input.center.lon }),
				...(input.moderateActivities !== undefined && { moderateActivities: input.moderateActivities }),
				...(input.guardianConsentUnder !== undefined && { guardianConsentUnder: input.guardianConsentUnder }),
				locales,
				defaultLocale
			})
			.where(eq(cities.id, existing.id))
			.returning();
		if (input.frameworks) await setCityFrameworks(tx, app.frameworks, existing.id, input.frameworks);
		// The office is the city as an issuer: it carries the city's name.
		if (input.name !== undefined) await tx.update(organisations).set({ name: input.name }).where(and(eq(organisations.cityId, existing.id), eq(organisations.kind, 'city_office')));
		await recordAudit(tx, {
			cityId: existing.id,
			actorId: actor.kind === 'user' ? actor.user.id : null,
			action: 'city.update',
			targetType: 'city',
			targetId: existing.id,
			data: { fields: Object.keys(input) }
		});
		return city!;
	});
}

export async function listCityAdmins(app: Pick<AppContext, 'db'>, actor: Actor, slug: string) {
	const city = await getCityOrThrow(app, slug);
	authorize(actor, 'city.admins.list', { cityId: city.id });
	return listAdminsOfCity(app.db, city.id);
}

/** Makes an existing account a city admin; adding someone twice is not an error. */
export async function addCityAdmin(app: Pick<AppContext, 'db'>, actor: Actor, slug: string, email: string) {
	const city = await getCityOrThrow(app, slug);
	authorize(actor, 'city.admins.manage', { cityId: city.id });
	const [user] = await app.db.select({ id: users.id }).from(users).where(eq(users.email, email));
	if (!user) {
		throw new AppError('validation_failed', 'No account uses this e-mail address; ask the person to sign up first.', [
			{ path: 'email', code: 'unknown_account', message: 'No account uses this e-mail address.' }
		]);
	}
	await app.db.transaction(async (tx) => {
		const added = await tx.insert(cityAdmins).values({ cityId: city.id, userId: user.id }).onConflictDoNothing().returning();
		if (added.length > 0) {
			await recordAudit(tx, {
				cityId: city.id,
				actorId: requireUser(actor).user.id,
				action: 'city.admin.add',
				targetType: 'user',
				targetId: user.id
			});
		}
	});
	const admins = await listAdminsOfCity(app.db, city.id);
	return admins.find((admin) => admin.userId === user.id)!;
}

export async function removeCityAdmin(app: Pick<AppContext, 'db'>, actor: Actor, slug: string, userId: string): Promise<void> {
	const city = await getCityOrThrow(app, slug);
	authorize(actor, 'city.admins.manage', { cityId: city.id });
	await app.db.transaction(async (tx) => {
		const removed = await tx
			.delete(cityAdmins)
			.where(and(eq(cityAdmins.cityId, city.id), eq(cityAdmins.userId, userId)))
			.returning();
		if (removed.length === 0) throw notFound('City admin');
		await recordAudit(tx, {
			cityId: city.id,
			actorId: requireUser(actor).user.id,
			action: 'city.admin.remove',
			targetType: 'user',
			targetId: userId
		});
	});
}
