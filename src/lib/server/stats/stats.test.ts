import { describe, expect, it } from 'vitest';
import { defaultPeriod, monthsOf, toPeriod } from './period';
import { suppress, suppressedRate } from './suppression';
import { progressOf, share } from './metrics';
import { statsCsv } from './csv';
import type { CityStatsDto } from './schemas';

describe('the period', () => {
	it('is the last twelve whole months by default, today included', () => {
		expect(defaultPeriod(new Date('2026-11-30T12:00:00Z'))).toEqual({ from: '2025-12-01', to: '2026-11-30' });
		const period = toPeriod({}, new Date('2026-11-30T12:00:00Z'));
		expect(period.start.toISOString()).toBe('2025-12-01T00:00:00.000Z');
		expect(period.end.toISOString()).toBe('2026-12-01T00:00:00.000Z');
		expect(monthsOf(period)).toHaveLength(12);
	});

	it('counts every month it touches, and a year back from a lone end', () => {
		expect(monthsOf(toPeriod({ from: '2026-01-15', to: '2026-03-02' }))).toEqual(['2026-01', '2026-02', '2026-03']);
		expect(toPeriod({ to: '2026-06-30' }).from).toBe('2025-07-01');
	});
});

describe('small counts', () => {
	it('are hidden from 1 to 4; zero and five are shown', () => {
		expect([0, 1, 4, 5].map(suppress)).toEqual([
			{ value: 0, suppressed: false },
			{ value: null, suppressed: true },
			{ value: null, suppressed: true },
			{ value: 5, suppressed: false }
		]);
		expect(suppressedRate(3, 10)).toBeNull();
		expect(suppressedRate(5, 10)).toBe(50);
	});

	it('shares and progress round to one decimal', () => {
		expect(share(1, 3)).toBe(33.3);
		expect(share(1, 0)).toBeNull();
		expect(progressOf(3, 1000)).toBe(0.3);
		expect(progressOf(5, 0)).toBe(100);
	});
});

describe('CSV', () => {
	it('quotes what needs quoting and defuses formulas in titles', () => {
		const stats = { playlists: { published: 2, funnels: [{ id: 'p1', title: 'Speak, "loud"', followers: 3, started: 2, completed: 1 }, { id: 'p2', title: '=HYPERLINK("x")', followers: 0, started: 0, completed: 0 }] } } as unknown as CityStatsDto;
		expect(statsCsv(stats, 'playlists')).toBe('id,title,followers,started,completed\r\np1,"Speak, ""loud""",3,2,1\r\np2,"\'=HYPERLINK(""x"")",0,0,0\r\n');
	});
});
