import { describe, expect, it } from 'vitest';
import { markdownToText, renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
	it('renders Markdown and shows raw HTML as text', () => {
		const html = renderMarkdown('**Bold** <script>alert(1)</script> <img src=x onerror=alert(1)>');
		expect(html).toContain('<strong>Bold</strong>');
		expect(html).not.toContain('<script');
		expect(html).not.toContain('<img');
		expect(html).toContain('&lt;script&gt;');
	});

	it('drops dangerous link targets and marks links nofollow', () => {
		expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('href="javascript');
		expect(renderMarkdown('[x](data:text/html,hi)')).not.toContain('href="data');
		expect(renderMarkdown('[site](https://example.org)')).toContain('<a href="https://example.org" rel="nofollow noopener">');
	});

	it('keeps headings below the page headings without skipping a level', () => {
		expect(renderMarkdown('# Plan\n\n## Day one')).toMatch(/<h3>Plan<\/h3>\n<h4>Day one<\/h4>/);
		expect(renderMarkdown('## Plan\n\n### Day one')).toMatch(/<h3>Plan<\/h3>\n<h4>Day one<\/h4>/);
	});
});

describe('markdownToText', () => {
	it('strips the syntax and shortens', () => {
		expect(markdownToText('## Hello *world* [link](https://x.org)')).toBe('Hello world link');
		expect(markdownToText('a'.repeat(400), 10)).toHaveLength(10);
	});

	it('drops images, tags, bullets and rules but keeps hyphens inside words', () => {
		expect(markdownToText('![a photo](x.png) <b>Bike</b> repair in Cluj-Napoca\n\n- bring an e-mail address\n- ages 14-18\n\n---\n> Free')).toBe(
			'Bike repair in Cluj-Napoca bring an e-mail address ages 14-18 Free'
		);
		expect(markdownToText('Τα ποδήλατα - επισκευή -- και `code`')).toBe('Τα ποδήλατα επισκευή και code');
		expect(markdownToText(' one\ttwo\u00a0three  four\r\nfive ')).toBe('one two three four five');
	});
});
