import { DomUtils, parseDocument } from 'htmlparser2';

/**
 * Descriptions from other platforms arrive as HTML, Markdown or plain text; activities keep Markdown.
 * HTML is rebuilt from its structure (paragraphs, headings, emphasis, lists, links) and everything
 * else is dropped, so no markup, script or unsafe link from a source survives into our pages.
 */
export const DESCRIPTION_MAX_LENGTH = 20_000;

type Node = ReturnType<typeof parseDocument>['children'][number];
type ElementNode = Extract<Node, { attribs: Record<string, string> }>;

// domhandler's own guards are not re-exported by htmlparser2, and it is not a dependency of ours.
const isElement = (node: Node): node is ElementNode => 'attribs' in node;
const isText = (node: Node): node is Node & { data: string } => String(node.type) === 'text';

/** Elements whose content is never text for people (or is unsafe to keep at all). */
const DROPPED = new Set([
	'script', 'style', 'iframe', 'frame', 'frameset', 'noscript', 'template', 'object', 'embed', 'applet', 'svg', 'math', 'canvas',
	'head', 'title', 'meta', 'link', 'base', 'input', 'select', 'option', 'textarea', 'button', 'img', 'picture', 'video', 'audio',
	'source', 'track', 'map', 'area'
]);
const BLOCKS = new Set([
	'p', 'div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'figure', 'figcaption', 'address', 'center',
	'form', 'fieldset', 'details', 'summary', 'table', 'thead', 'tbody', 'tfoot', 'caption', 'body', 'html'
]);
const SAFE_LINK = /^(https?:\/\/|mailto:)/i;
// A private-use character stands for a hard line break until whitespace has been tidied up.
const BREAK = '\uE000';

export function htmlToMarkdown(html: string, maxLength = DESCRIPTION_MAX_LENGTH): string {
	const document = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
	return capLength(tidy(renderNodes(document.children, false)), maxLength);
}

/** Text with HTML entities decoded and any tags removed (titles, keywords, names). */
export function decodeEntities(text: string): string {
	if (!/[&<]/.test(text)) return text.trim();
	const document = parseDocument(text, { decodeEntities: true });
	return DomUtils.textContent(document).replace(/\s+/g, ' ').trim();
}

/** Whether a description is HTML rather than Markdown or plain text. */
export function looksLikeHtml(text: string): boolean {
	return /<\/?(p|br|div|span|ul|ol|li|h[1-6]|strong|em|b|i|u|a|table|tr|td|blockquote|pre|code|font|section)\b[^>]*>/i.test(text);
}

/** A description field that holds HTML or Markdown (schema.org, MOOChub, CSV). */
export function markdownFromHtmlOrMarkdown(text: string | null | undefined, maxLength = DESCRIPTION_MAX_LENGTH): string {
	if (!text?.trim()) return '';
	if (looksLikeHtml(text)) return htmlToMarkdown(text, maxLength);
	return capLength(tidy(text.replace(/\r\n?/g, '\n')), maxLength);
}

/** A description field that holds HTML or plain text, where a single newline is a line break (iCalendar, Eventbrite text). */
export function markdownFromHtmlOrText(text: string | null | undefined, maxLength = DESCRIPTION_MAX_LENGTH): string {
	if (!text?.trim()) return '';
	if (looksLikeHtml(text)) return htmlToMarkdown(text, maxLength);
	// Indentation means nothing in plain text but would make a Markdown code block.
	const withBreaks = tidy(text.replace(/\r\n?/g, '\n').replace(/^[ \t\u00a0]+/gm, ''))
		.split('\n\n')
		.map((paragraph) => paragraph.split('\n').join(`${BREAK}\n`))
		.join('\n\n');
	return capLength(tidy(withBreaks), maxLength);
}

function renderNodes(nodes: Node[], inPre: boolean): string {
	return nodes.map((node) => renderNode(node, inPre)).join('');
}

function renderNode(node: Node, inPre: boolean): string {
	if (isText(node)) return inPre ? node.data : escapeText(node.data.replace(/\s+/g, ' '));
	if (!isElement(node)) return '';
	const name = node.name;
	if (DROPPED.has(name)) return '';
	const inner = () => renderNodes(node.children, inPre || name === 'pre');
	switch (name) {
		case 'br':
			return `${BREAK}\n`;
		case 'hr':
			return '\n\n---\n\n';
		case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': {
			const text = oneLine(inner());
			return text ? `\n\n${'#'.repeat(Number(name[1]))} ${text}\n\n` : '';
		}
		case 'strong': case 'b':
			return wrapInline(inner(), '**');
		case 'em': case 'i': case 'cite': case 'dfn':
			return wrapInline(inner(), '*');
		case 'code': case 'kbd': case 'samp':
			return inPre ? inner() : wrapInline(DomUtils.textContent(node).replace(/`/g, "'"), '`');
		case 'pre':
			return `\n\n\`\`\`\n${DomUtils.textContent(node).replace(/```/g, "'''").replace(/\n+$/, '')}\n\`\`\`\n\n`;
		case 'a':
			return renderLink(node.attribs.href, inner());
		case 'ul': case 'ol':
			return `\n\n${renderList(node.children, name === 'ol', Number(node.attribs.start) || 1)}\n\n`;
		case 'li':
			// A list item outside a list: keep it as a line of its own.
			return `\n\n- ${oneLine(inner())}\n\n`;
		case 'blockquote':
			return `\n\n${tidy(inner()).split('\n').map((line) => `> ${line}`.trimEnd()).join('\n')}\n\n`;
		case 'tr':
			return `\n\n${node.children.filter(isElement).map((cell) => oneLine(renderNodes(cell.children, false))).filter(Boolean).join(' | ')}\n\n`;
		case 'dt':
			return `\n\n${wrapInline(inner(), '**')}\n\n`;
		case 'dd':
			return `\n\n${inner()}\n\n`;
		default:
			return BLOCKS.has(name) ? `\n\n${inner()}\n\n` : inner();
	}
}

function renderList(items: Node[], ordered: boolean, start: number): string {
	let number = start;
	const lines: string[] = [];
	for (const item of items) {
		if (!isElement(item) || DROPPED.has(item.name)) continue;
		const content = tidy(item.name === 'li' ? renderNodes(item.children, false) : renderNode(item, false));
		if (!content) continue;
		const marker = ordered ? `${number++}. ` : '- ';
		const indent = ' '.repeat(marker.length);
		// Nested lists and further paragraphs are indented under the item's text, as CommonMark expects.
		const body = content.split('\n').map((line, index) => (index === 0 ? marker + line : line ? indent + line : line));
		lines.push(body.join('\n'));
	}
	return lines.join('\n');
}

function renderLink(href: string | undefined, label: string): string {
	const text = oneLine(label);
	const target = href?.trim() ?? '';
	if (!SAFE_LINK.test(target)) return label;
	const url = target.replace(/[ ()<>]/g, (c) => encodeURIComponent(c));
	return `[${text || escapeText(target)}](${url})`;
}

/** Emphasis markers must hug the text, so surrounding spaces stay outside them. */
function wrapInline(content: string, marker: string): string {
	const text = content.replace(new RegExp(`${BREAK}\\n`, 'g'), ' ');
	const trimmed = text.trim();
	if (!trimmed) return text;
	const before = text.startsWith(' ') ? ' ' : '';
	const after = text.endsWith(' ') ? ' ' : '';
	return `${before}${marker}${trimmed}${marker}${after}`;
}

function oneLine(text: string): string {
	return text.replace(new RegExp(BREAK, 'g'), '').replace(/\s+/g, ' ').trim();
}

/** Characters that would turn plain text into Markdown syntax. */
function escapeText(text: string): string {
	return text.replace(/([\\`*_[\]])/g, '\\$1').replace(/^(\s*)#/, '$1\\#');
}

/** Trailing spaces off, at most one blank line between blocks, hard breaks restored. */
function tidy(markdown: string): string {
	return markdown
		.split('\n')
		.map((line) => line.replace(/[ \t\u00a0]+$/, ''))
		.map((line) => (line.trim() ? line.replace(/^[ \u00a0](?=\S)/, '') : ''))
		.join('\n')
		.replace(new RegExp(`${BREAK}\\n(\\n|$)`, 'g'), '\n$1')
		.replace(/\n{3,}/g, '\n\n')
		.replace(new RegExp(BREAK, 'g'), '  ')
		.trim();
}

/** Cuts at a paragraph (or else a word) boundary, so the description stays within the activity limit. */
function capLength(markdown: string, maxLength: number): string {
	if (markdown.length <= maxLength) return markdown;
	const room = markdown.slice(0, maxLength - 1);
	const paragraph = room.lastIndexOf('\n\n');
	const cut = paragraph > maxLength * 0.8 ? paragraph : Math.max(room.lastIndexOf(' '), maxLength * 0.8);
	return `${room.slice(0, cut).trimEnd()}…`;
}
