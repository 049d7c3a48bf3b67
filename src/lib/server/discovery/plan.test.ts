import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { ACCESSIBILITY_FEATURES, ACTIVITY_MODES, ACTIVITY_TYPES, TARGET_GROUPS } from '../../activities/vocabulary';
import { defaultFrameworksFolder, FrameworkCatalog, readFrameworkFiles } from '../frameworks/catalog';
import { SearchQuery } from './schemas';
import { planSearch } from './search';

const catalog = new FrameworkCatalog(readFrameworkFiles(defaultFrameworksFolder()));
const now = new Date('2030-01-01T00:00:00Z');
const plan = (query: string, locale = 'en') => planSearch(SearchQuery.parse(Object.fromEntries(new URLSearchParams(query))), { locale, now, catalog });

describe('search plans', () => {
	it('share a shape when only the values differ, and carry those values apart from the SQL', () => {
		const robots = plan('q=robots&mode=online&from=2030-03-01');
		const poetry = plan('q=poetry&mode=in_person,hybrid&from=2031-05-01', 'nl');
		expect(poetry.shape).toBe(robots.shape);
		expect(robots.values).toMatchObject({ words: 'robots', modes: ['online'], from: '2030-03-01T00:00:00.000Z', locale: 'en' });
		expect(poetry.values).toMatchObject({ words: 'poetry', modes: ['in_person', 'hybrid'], from: '2031-05-01T00:00:00.000Z', locale: 'nl' });
	});

	it('get another shape for another filter, order or date bound', () => {
		const shapes = ['q=robots', 'q=robots&sort=date', 'mode=online', 'type=course', 'from=2030-03-01', 'to=2030-03-01', 'near=51.5,4.7', 'near=51.5,4.7&sort=date', 'free=true', 'quality=true', 'age=15'].map((q) => plan(q).shape);
		expect(new Set(shapes).size).toBe(shapes.length);
	});

	it('reads a skill with everything below it in its framework', () => {
		const skills = plan('skill=lifecomp:P').values.skills as string[];
		expect(skills).toContain('lifecomp:P');
		expect(skills).toContain('lifecomp:P1.1');
	});

	it('build the same SQL for one shape, whatever the values, for every query parameter', () => {
		// Two values per parameter; a new parameter needs its pair here (the first expectation says so).
		const two = <T extends string>(list: readonly T[]) => [list[0]!, `${list[1]},${list[2]}`] as const;
		const samples: Record<string, readonly [string, string]> = {
			q: ['robots', 'poetry club'],
			city: ['breda', 'turin'],
			skill: ['lifecomp:P', 'lifecomp:S1,digcomp:1'],
			framework: ['lifecomp', 'entrecomp,digcomp'],
			mode: two(ACTIVITY_MODES),
			type: two(ACTIVITY_TYPES),
			from: ['2030-03-01', '2031-01-01T10:00:00Z'],
			to: ['2032-04-01', '2033-05-01T18:00:00Z'],
			near: ['51.5,4.7', '45.07,7.69'],
			radiusKm: ['5', '40'],
			lang: ['en', 'nl,it'],
			age: ['15', '22'],
			free: ['true', 'false'],
			quality: ['true', 'false'],
			international: ['true', 'false'],
			accessibility: two(ACCESSIBILITY_FEATURES),
			target: two(TARGET_GROUPS),
			sort: ['date', 'relevance'],
			facets: ['true', 'false'],
			locale: ['en', 'nl'],
			page: ['1', '3'],
			limit: ['5', '20']
		};
		expect(Object.keys(samples).sort()).toEqual(Object.keys(SearchQuery.shape).sort());

		const dialect = new PgDialect();
		const cityIds: Record<string, string> = { breda: '00000000-0000-4000-8000-000000000001', turin: '00000000-0000-4000-8000-000000000002' };
		const textsByShape = new Map<string, Set<string>>();
		const planned = new Set<string>();
		for (const base of ['', 'q=robots', 'near=51.5,4.7', 'from=2030-01-01', 'q=robots&near=51.5,4.7&sort=distance']) {
			for (const [name, values] of Object.entries(samples)) {
				for (const value of values) {
					const parsed = SearchQuery.safeParse(Object.fromEntries(new URLSearchParams(`${base}&${name}=${value}`)));
					if (!parsed.success) continue; // a pair this base cannot take (sort=distance without near)
					planned.add(`${name}=${value}`);
					const built = planSearch(parsed.data, { cityId: parsed.data.city && cityIds[parsed.data.city], locale: parsed.data.locale ?? 'en', now, catalog });
					const statement = sql`${built.where} | ${sql.join(built.tiers, sql` | `)} | ${sql.join(built.order, sql`, `)} | ${sql.join(built.countOrder, sql`, `)}`;
					const texts = textsByShape.get(built.shape) ?? new Set<string>();
					texts.add(dialect.sqlToQuery(statement).sql);
					textsByShape.set(built.shape, texts);
				}
			}
		}
		// Every sample is valid with some base: a sample the schema refuses would test nothing.
		expect(Object.entries(samples).flatMap(([name, values]) => values.map((value) => `${name}=${value}`)).filter((pair) => !planned.has(pair))).toEqual([]);
		const ambiguous = [...textsByShape].filter(([, texts]) => texts.size > 1).map(([shape]) => shape);
		expect(ambiguous).toEqual([]);
		expect(textsByShape.size).toBeGreaterThan(30);
	});
});
