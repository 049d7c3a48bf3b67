import { error } from '@sveltejs/kit';
import type { Actor } from '../auth/actor';
import type { AppContext } from '../app/context';
import { AppError } from '../http/errors';
import { issuesToErrors } from '../forms/forms';
import { searchParamsToObject, toFieldIssues } from '../http/validation';
import { defaultPeriod } from './period';
import { StatsQuery, type CityStatsDto } from './schemas';
import { cityStats, organisationStats } from './service';

type Subject = { kind: 'city'; slug: string } | { kind: 'organisation'; id: string };

/**
 * A dashboard page's figures: the period from the query string (a GET form, so it works without
 * JavaScript); a bad period is reported next to its fields and the default period is shown instead.
 * Refusals become the error page's 403 and 404.
 */
export async function loadDashboard(app: Pick<AppContext, 'db' | 'frameworks' | 'config'>, actor: Actor, subject: Subject, url: URL, locale: string) {
	const parsed = StatsQuery.safeParse(searchParamsToObject(url.searchParams));
	const query = parsed.success ? parsed.data : {};
	const periodErrors = parsed.success ? {} : issuesToErrors(toFieldIssues(parsed.error));
	try {
		const stats: CityStatsDto =
			subject.kind === 'city' ? await cityStats(app, actor, subject.slug, query, locale) : await organisationStats(app, actor, subject.id, query, locale);
		return {
			stats,
			periodErrors,
			asked: { from: url.searchParams.get('from') ?? stats.period.from, to: url.searchParams.get('to') ?? stats.period.to },
			defaults: defaultPeriod(),
			query: parsed.success ? url.search : ''
		};
	} catch (cause) {
		if (cause instanceof AppError && (cause.code === 'forbidden' || cause.code === 'not_found')) error(cause.status, cause.message);
		throw cause;
	}
}

/** The CSV download of one table, named after what it counts and the period. */
export function csvResponse(body: string, name: string, period: { from: string; to: string }): Response {
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}-${period.from}-${period.to}.csv"`,
			'cache-control': 'no-store'
		}
	});
}
