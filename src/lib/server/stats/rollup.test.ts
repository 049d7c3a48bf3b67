import { describe, expect, it } from 'vitest';
import { toPeriod } from './period';
import { splitByMonths } from './rollup-queries';

const iso = (range: { start: Date; end: Date } | null) => range && `${range.start.toISOString().slice(0, 10)}..${range.end.toISOString().slice(0, 10)}`;

describe('a period cut at month boundaries', () => {
	it('sums whole months from the counters and counts the partial ends from the enrolments', () => {
		const { whole, partial } = splitByMonths(toPeriod({ from: '2025-11-25', to: '2026-11-30' }));
		expect(iso(whole)).toBe('2025-12-01..2026-12-01');
		expect(partial.map(iso)).toEqual(['2025-11-25..2025-12-01']);
	});

	it('has no partial end when the period starts and ends with a month', () => {
		const { whole, partial } = splitByMonths(toPeriod({ from: '2026-01-01', to: '2026-03-31' }));
		expect(iso(whole)).toBe('2026-01-01..2026-04-01');
		expect(partial).toEqual([]);
	});

	it('has both ends partial, or no whole month at all', () => {
		const both = splitByMonths(toPeriod({ from: '2026-01-15', to: '2026-03-02' }));
		expect(iso(both.whole)).toBe('2026-02-01..2026-03-01');
		expect(both.partial.map(iso)).toEqual(['2026-01-15..2026-02-01', '2026-03-01..2026-03-03']);
		const inside = splitByMonths(toPeriod({ from: '2026-03-20', to: '2026-04-10' }));
		expect(inside.whole).toBeNull();
		expect(inside.partial.map(iso)).toEqual(['2026-03-20..2026-04-11']);
	});
});
