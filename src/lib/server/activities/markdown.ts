import MarkdownIt from 'markdown-it';

/**
 * Descriptions are Markdown. Raw HTML is not rendered (it shows as text), links may only be http(s) or
 * mailto, and links open with rel="nofollow noopener". What comes out is safe to insert as HTML.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: false, typographer: false });
markdown.validateLink = (url: string) => /^(https?:|mailto:)/i.test(url.trim());
const defaultLinkOpen = markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
	tokens[idx]!.attrSet('rel', 'nofollow noopener');
	return defaultLinkOpen(tokens, idx, options, env, self);
};
/**
 * Renders a description. Its headings are placed below the page's own h1 and h2: the highest level
 * the author used becomes h3 and the others keep their relative depth, so that no level is skipped.
 */
export function renderMarkdown(source: string): string {
	const tokens = markdown.parse(source, {});
	const levels = tokens.filter((t) => t.type === 'heading_open').map((t) => Number(t.tag.slice(1)));
	if (levels.length) {
		const shift = 3 - Math.min(...levels);
		for (const token of tokens) {
			if (token.type === 'heading_open' || token.type === 'heading_close') {
				token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + shift)}`;
			}
		}
	}
	return markdown.renderer.render(tokens, markdown.options, {});
}

/**
 * Markup a summary drops: emphasis, code, quote and table marks, heading hashes, and hyphens that are
 * not inside a word (list bullets, rules). A hyphen between letters or digits stays: "Cluj-Napoca",
 * "e-mail" and "2026-27" read as written.
 */
const MARKUP = /[#*_`>~|]+|(?<![\p{L}\p{N}])-+|-+(?![\p{L}\p{N}])/gu;

/**
 * Plain text for summaries, search results and feeds. Search cards summarise every description they
 * show, so the passes for links and tags run only on text that has a `<` or a `[`.
 */
export function markdownToText(source: string, maxLength = 300): string {
	let text = source;
	if (text.includes('<')) text = text.replace(/<[^>]*>/g, ' ');
	if (text.includes('[')) text = text.replace(/!\[[^\]]*\]\([^)]*\)/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
	// Runs of white space, and single white space other than a plain space, become one space (a plain
	// replace of every \s+ rewrote each single space too, the costliest step for ordinary prose).
	text = text.replace(MARKUP, ' ').replace(/\s{2,}|(?! )\s/g, ' ').trim();
	return text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text;
}
