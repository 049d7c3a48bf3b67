import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToMarkdown, markdownFromHtmlOrMarkdown, markdownFromHtmlOrText } from './html-to-markdown';

describe('HTML to Markdown', () => {
	it('keeps paragraphs, breaks, headings, emphasis and nested lists', () => {
		const html = '<h2>About  the\ncourse</h2><p>Learn <strong>coding</strong> and <em>design</em>.<br>Line two</p><ul><li>One<ul><li>One a</li></ul></li><li>Two</li></ul><ol start="3"><li>Third</li></ol>';
		expect(htmlToMarkdown(html)).toBe('## About the course\n\nLearn **coding** and *design*.  \nLine two\n\n- One\n\n  - One a\n- Two\n\n3. Third');
	});

	it('keeps only http(s) and mailto links and drops scripts, styles, frames, images and handlers', () => {
		const html =
			'<p onclick="steal()">Go <a href="https://example.org/a b">here</a>, <a href="javascript:alert(1)">not here</a>, <a href="mailto:x@example.org">mail</a></p>' +
			'<script>alert(1)</script><style>p{}</style><iframe src="https://evil.example"></iframe><img src="https://x/y.png" alt="pic"><form><input value="x"></form>';
		expect(htmlToMarkdown(html)).toBe('Go [here](https://example.org/a%20b), not here, [mail](mailto:x@example.org)');
	});

	it('decodes entities, collapses whitespace, escapes Markdown characters in text and keeps unknown tags’ text', () => {
		expect(htmlToMarkdown('<p>Fish &amp; chips&nbsp;for   *everyone* <nottag>here</nottag></p>')).toBe('Fish & chips for \\*everyone\\* here');
		expect(decodeEntities('torsten &amp; thierry &lt;group&gt;')).toBe('torsten & thierry <group>');
	});

	it('caps the length at a paragraph boundary', () => {
		const long = Array.from({ length: 100 }, (_, i) => `<p>${`Paragraph ${i} `.repeat(30)}</p>`).join('');
		const markdown = htmlToMarkdown(long, 2000);
		expect(markdown.length).toBeLessThanOrEqual(2000);
		expect(markdown.endsWith('…')).toBe(true);
	});

	it('tells HTML from Markdown and plain text', () => {
		expect(markdownFromHtmlOrMarkdown('# Title\n\n* item')).toBe('# Title\n\n* item');
		expect(markdownFromHtmlOrMarkdown('<p>a</p><p>b</p>')).toBe('a\n\nb');
		expect(markdownFromHtmlOrText('Agenda:\n  Intro\n  Lab\n\n\n\nEnd')).toBe('Agenda:  \nIntro  \nLab\n\nEnd');
	});
});
