import { describe, expect, it } from 'vitest';
import { playlistProgress, rulesProblems } from './progress';

const items = [
	{ activityId: 'a', required: true },
	{ activityId: 'b', required: false },
	{ activityId: 'c', required: true },
	{ activityId: 'd', required: false }
];

describe('playlist progress', () => {
	it('needs every item when no count is set', () => {
		const rules = { ordered: false, requiredCount: null };
		expect(playlistProgress(rules, items, new Set(['a', 'b', 'c']))).toMatchObject({ completed: 3, needed: 4, met: false, next: 'd' });
		expect(playlistProgress(rules, items, new Set(['a', 'b', 'c', 'd']))).toMatchObject({ met: true, next: null });
	});

	it('needs N of M with every required item among them', () => {
		const rules = { ordered: false, requiredCount: 3 };
		// Three done, but a required one is missing.
		expect(playlistProgress(rules, items, new Set(['a', 'b', 'd']))).toMatchObject({ completed: 3, met: false, next: 'c' });
		expect(playlistProgress(rules, items, new Set(['a', 'c', 'd']))).toMatchObject({ met: true });
		expect(playlistProgress(rules, items, new Set(['a', 'c']))).toMatchObject({ met: false, next: 'b' });
	});

	it('locks what follows a required item still to do, in an ordered playlist only', () => {
		const locked = (ordered: boolean, done: string[]) => playlistProgress({ ordered, requiredCount: null }, items, new Set(done)).items.map((item) => item.locked);
		expect(locked(true, [])).toEqual([false, true, true, true]);
		expect(locked(true, ['a'])).toEqual([false, false, false, true]);
		expect(locked(true, ['a', 'c'])).toEqual([false, false, false, false]);
		expect(locked(false, [])).toEqual([false, false, false, false]);
		// Something already earned is never shown locked.
		expect(locked(true, ['c'])).toEqual([false, true, false, true]);
	});

	it('is never met without items', () => {
		expect(playlistProgress({ ordered: false, requiredCount: null }, [], new Set()).met).toBe(false);
	});

	it('refuses counts that cannot be met or leave out required items', () => {
		expect(rulesProblems({ ordered: false, requiredCount: 5 }, items)).toHaveLength(1);
		expect(rulesProblems({ ordered: false, requiredCount: 1 }, items)[0]?.code).toBe('required_count');
		expect(rulesProblems({ ordered: false, requiredCount: 2 }, items)).toEqual([]);
		expect(rulesProblems({ ordered: false, requiredCount: null }, items)).toEqual([]);
	});
});
