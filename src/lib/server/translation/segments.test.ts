import { describe, expect, it } from 'vitest';
import { segmentMarkdown } from './segments';

const shout = (pieces: string[]) => pieces.map((p) => p.toUpperCase());

describe('Markdown through a translator', () => {
	it('sends only the words and keeps headings, lists, quotes, blank lines and code blocks', () => {
		const text = '# Title\n\nSome *text* here.\n\n- one\n  - nested two\n1. first\n> quoted\n\n---\n```js\nconst x = 1;\n```\n- [ ] task';
		const segmented = segmentMarkdown(text);
		expect(segmented.pieces).toEqual(['Title', 'Some *text* here.', 'one', 'nested two', 'first', 'quoted', 'task']);
		expect(segmented.rebuild(shout(segmented.pieces))).toBe('# TITLE\n\nSOME *TEXT* HERE.\n\n- ONE\n  - NESTED TWO\n1. FIRST\n> QUOTED\n\n---\n```js\nconst x = 1;\n```\n- [ ] TASK');
	});

	it('translates table cells one by one and keeps the pipes and the border row', () => {
		const segmented = segmentMarkdown('| Day | Time |\n|---|---|\n| Monday | 10:00 |');
		expect(segmented.pieces).toEqual(['Day', 'Time', 'Monday', '10:00']);
		expect(segmented.rebuild(shout(segmented.pieces))).toBe('| DAY | TIME |\n|---|---|\n| MONDAY | 10:00 |');
	});

	it('keeps a line a line when the translator adds a line break', () => {
		const segmented = segmentMarkdown('- a\n- b');
		expect(segmented.rebuild(['x\ny', 'z'])).toBe('- x y\n- z');
	});
});
