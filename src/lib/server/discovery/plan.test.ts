import { describe, expect, it } from 'vitest';
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
});
