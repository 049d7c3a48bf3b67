import { describe, expect, it } from 'vitest';
import { consistencyIssues, describeBadge, frameworksOf, publishIssues, type ActivityShape } from './rules';

const base: ActivityShape = {
	title: { en: 'Bike repair' },
	description: { en: 'Fix your bike.' },
	mode: 'in_person',
	startsAt: new Date('2027-03-01T10:00:00Z'),
	endsAt: new Date('2027-03-01T12:00:00Z'),
	alwaysOpen: false,
	lat: 51.5,
	locationAddress: 'Main street 1',
	onlineUrl: null,
	ageMin: 14,
	ageMax: 25,
	imageKey: null,
	imageAlt: {},
	sessions: []
};

describe('consistencyIssues', () => {
	it('accepts a consistent activity', () => expect(consistencyIssues(base)).toEqual([]));
	it('refuses an end before the start, an upside-down age range and a backwards session', () => {
		const issues = consistencyIssues({
			...base,
			endsAt: new Date('2027-02-01T00:00:00Z'),
			ageMin: 30,
			sessions: [{ startsAt: new Date('2027-03-02T10:00:00Z'), endsAt: new Date('2027-03-02T09:00:00Z') }]
		});
		expect(issues.map((i) => i.path)).toEqual(['endsAt', 'ageMax', 'sessions.0.endsAt']);
	});
});

describe('publishIssues', () => {
	it('needs a place for in-person and a link for online activities', () => {
		expect(publishIssues({ ...base, lat: null }).map((i) => i.path)).toEqual(['location']);
		expect(publishIssues({ ...base, mode: 'online', lat: null, locationAddress: null }).map((i) => i.path)).toEqual(['url']);
		expect(publishIssues({ ...base, mode: 'hybrid' }).map((i) => i.path)).toEqual(['url']);
	});
	it('needs dates or always-open, and alt text for an image', () => {
		expect(publishIssues({ ...base, startsAt: null, endsAt: null }).map((i) => i.path)).toEqual(['startsAt']);
		expect(publishIssues({ ...base, startsAt: null, alwaysOpen: true })).toEqual([]);
		expect(publishIssues({ ...base, imageKey: 'x.webp' }).map((i) => i.path)).toEqual(['imageAlt']);
	});
});

describe('describeBadge', () => {
	it('derives a badge from the title, or localises plain strings', () => {
		const criteria = (locale: string, title: string) => `${locale}: took part in ${title}`;
		const derived = describeBadge(undefined, { title: { nl: 'Fietsen' }, description: { nl: '**Repareer** je fiets' } }, criteria);
		expect(derived).toEqual({ name: { nl: 'Fietsen' }, description: { nl: 'Repareer je fiets' }, criteria: { nl: 'nl: took part in Fietsen' } });
		const given = describeBadge({ name: 'Fixer', description: 'd', criteria: 'c' }, { title: { nl: 'Fietsen' }, description: {} }, criteria);
		expect(given.criteria).toEqual({ nl: 'c' });
	});
});

describe('frameworksOf', () => {
	it('lists each framework once', () => expect(frameworksOf(['lifecomp:P1', 'digcomp:2.1', 'lifecomp:S2'])).toEqual(['lifecomp', 'digcomp']));
});
