import { eq } from 'drizzle-orm';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { authorize, requireUser } from '../policies/policies';
import { notFound } from '../http/errors';
import { recordAudit } from '../platform/audit';
import { getCityOrThrow } from '../cities/service';
import type { CityRow } from '../cities/queries';
import { findOrganisation } from '../organisations/queries';
import { pickText } from '../../i18n/locales';
import { cityTargets } from './schema';
import { toPeriod, type Period } from './period';
import { TARGET_METRICS, progressOf, type TargetMetric } from './metrics';
import { buildStats, type StatsSubject } from './compute';
import { cachedStats } from './cache';
import type { CityStatsDto, StatsQuery, TargetsInput } from './schemas';

type Deps = Pick<AppContext, 'db' | 'frameworks' | 'config'>;

/** The city dashboard: city admins of that city and platform admins. */
export async function cityStats(app: Deps, actor: Actor, slug: string, query: StatsQuery, locale: string): Promise<CityStatsDto> {
	const city = await getCityOrThrow(app, slug);
	authorize(actor, 'city.stats.read', { cityId: city.id });
	const period = toPeriod(query);
	const stats = await cachedStats(app.db, `city:${city.id}:${period.from}:${period.to}:${locale}`, app.config.statsCacheSeconds, () =>
		buildStats(app, subjectOf(city, locale), period)
	);
	return { ...stats, targets: await targetProgress(app, city.id, stats) };
}

/** One organisation's dashboard: its members, and the admins of its city. */
export async function organisationStats(app: Deps, actor: Actor, organisationId: string, query: StatsQuery, locale: string): Promise<CityStatsDto> {
	const organisation = await findOrganisation(app.db, organisationId);
	if (!organisation) throw notFound('Organisation');
	authorize(actor, 'organisation.stats.read', { cityId: organisation.cityId, organisationId: organisation.id });
	const city = await getCityOrThrow(app, organisation.city.slug);
	const subject = { ...subjectOf(city, locale), organisation: { id: organisation.id, name: organisation.name } };
	const period = toPeriod(query);
	return cachedStats(app.db, `organisation:${organisation.id}:${period.from}:${period.to}:${locale}`, app.config.statsCacheSeconds, () => buildStats(app, subject, period));
}

/**
 * The figures a city may publish, for anyone: computed like the dashboard, then reduced to aggregates
 * with small counts hidden. Nothing here names a person, an organisation or a playlist.
 */
export async function cityStatsUnsafeForOpenData(app: Deps, slug: string, period: Period, locale: string): Promise<CityStatsDto> {
	const city = await getCityOrThrow(app, slug);
	return cachedStats(app.db, `city:${city.id}:${period.from}:${period.to}:${locale}`, app.config.statsCacheSeconds, () => buildStats(app, subjectOf(city, locale), period));
}

function subjectOf(city: CityRow, locale: string): StatsSubject {
	return {
		city: { id: city.id, slug: city.slug, name: city.name },
		organisation: null,
		titleOf: (text) => pickText(text, locale, [city.defaultLocale])?.text ?? ''
	};
}

async function storedTargets(app: Pick<AppContext, 'db'>, cityId: string) {
	const rows = await app.db.select().from(cityTargets).where(eq(cityTargets.cityId, cityId)).orderBy(cityTargets.metric);
	return rows
		.filter((row): row is typeof row & { metric: TargetMetric } => row.metric in TARGET_METRICS)
		.map((row) => ({ metric: row.metric, kind: TARGET_METRICS[row.metric].kind, target: row.target }));
}

async function targetProgress(app: Pick<AppContext, 'db'>, cityId: string, stats: CityStatsDto) {
	return (await storedTargets(app, cityId)).map((t) => {
		const actual = TARGET_METRICS[t.metric].read(stats);
		return { ...t, actual, progress: progressOf(actual, t.target) };
	});
}

export async function getTargets(app: Pick<AppContext, 'db'>, actor: Actor, slug: string) {
	const city = await getCityOrThrow(app, slug);
	authorize(actor, 'city.stats.read', { cityId: city.id });
	return { targets: await storedTargets(app, city.id) };
}

/** Replaces the city's targets as a whole: what the form shows is what is kept. */
export async function setTargets(app: Pick<AppContext, 'db'>, actor: Actor, slug: string, input: TargetsInput) {
	const city = await getCityOrThrow(app, slug);
	authorize(actor, 'city.targets.manage', { cityId: city.id });
	const userId = requireUser(actor).user.id;
	await app.db.transaction(async (tx) => {
		await tx.delete(cityTargets).where(eq(cityTargets.cityId, city.id));
		if (input.targets.length) {
			await tx.insert(cityTargets).values(input.targets.map((t) => ({ cityId: city.id, metric: t.metric, target: t.target, updatedBy: userId })));
		}
		await recordAudit(tx, { cityId: city.id, actorId: userId, action: 'city.targets.set', targetType: 'city', targetId: city.id });
	});
	return { targets: await storedTargets(app, city.id) };
}
