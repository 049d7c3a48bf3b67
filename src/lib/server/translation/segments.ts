/**
 * Markdown through a machine translator: the structure (headings, list markers, quotes, tables, code
 * blocks, blank lines) must come back exactly, and translators reflow or drop it when given a whole
 * document. So the text is cut into lines; each line's markup prefix is kept aside and only its words
 * are sent, as plain text; code blocks, rules and table borders are not sent at all. Inline markup
 * (`**bold**`, `[link](url)`) stays inside the words: translators keep such marks in place, and a
 * slightly moved emphasis is something the reviewer fixes, while a lost line break would break lists.
 */
export interface SegmentedText {
	/** The pieces to translate, in order. */
	pieces: string[];
	/** Rebuilds the text from the translated pieces (same number, same order). */
	rebuild(translated: string[]): string;
}

const FENCE = /^\s*(```|~~~)/;
/** Block markup at the start of a line: indentation, quotes, headings, bullets, numbers, task boxes. */
const PREFIX = /^(\s*(?:>\s?)*(?:#{1,6}\s+|[-*+]\s+(?:\[[ xX]\]\s+)?|\d{1,9}[.)]\s+)?)/;
/** Lines with nothing to translate: rules, table borders, lone punctuation or markup. */
const NOTHING_TO_SAY = /^[\s\-*_=|:>#`~.]*$/;

type Part = { kind: 'keep'; text: string } | { kind: 'line'; prefix: string; suffix: string; cells: string[] | null };

export function segmentMarkdown(markdown: string): SegmentedText {
	const parts: Part[] = [];
	const pieces: string[] = [];
	let inFence = false;
	for (const line of markdown.split('\n')) {
		if (FENCE.test(line)) {
			inFence = !inFence;
			parts.push({ kind: 'keep', text: line });
			continue;
		}
		if (inFence || NOTHING_TO_SAY.test(line)) {
			parts.push({ kind: 'keep', text: line });
			continue;
		}
		const prefix = PREFIX.exec(line)?.[1] ?? '';
		const rest = line.slice(prefix.length);
		const words = rest.trimEnd();
		const suffix = rest.slice(words.length);
		if (words.startsWith('|')) {
			// A table row: each cell on its own, so that the pipes stay where they are.
			const cells = words.split('|');
			parts.push({ kind: 'line', prefix, suffix, cells });
			for (const cell of cells) if (cell.trim()) pieces.push(cell.trim());
			continue;
		}
		parts.push({ kind: 'line', prefix, suffix, cells: null });
		pieces.push(words);
	}
	return {
		pieces,
		rebuild(translated) {
			let next = 0;
			const take = () => (translated[next++] ?? '').replace(/\s*\n\s*/g, ' ').trim();
			return parts
				.map((part) => {
					if (part.kind === 'keep') return part.text;
					if (part.cells) return part.prefix + part.cells.map((cell) => (cell.trim() ? ` ${take()} ` : cell)).join('|') + part.suffix;
					return part.prefix + take() + part.suffix;
				})
				.join('\n');
		}
	};
}
