import { DomUtils, parseDocument } from 'htmlparser2';
import { asArray, isObject, text, parseJsonLeniently } from './values';

/**
 * Getting schema.org nodes out of what publishers ship: a JSON-LD file, or an HTML page with one or
 * more `<script type="application/ld+json">` blocks; each holding an object, a list, or an `@graph`.
 * References (`{"@id": "..."}`) are resolved against the other nodes of the same file.
 */
export type JsonNode = Record<string, unknown>;

export interface JsonLdDocuments {
	documents: unknown[];
	/** Blocks that are not valid JSON, named by position ("script block 2"). */
	problems: string[];
}

export function jsonLdBlocksOfHtml(html: string): JsonLdDocuments {
	const page = parseDocument(html);
	const scripts = DomUtils.findAll((element) => element.name === 'script' && /ld\+json/i.test(element.attribs.type ?? ''), page.children);
	const documents: unknown[] = [];
	const problems: string[] = [];
	scripts.forEach((script, index) => {
		// Pages sometimes wrap the JSON in an HTML comment or CDATA section.
		const source = DomUtils.textContent(script).trim().replace(/^<!--|-->$/g, '').replace(/^\/\*<!\[CDATA\[\*\/|\/\*\]\]>\*\/$/g, '');
		try {
			documents.push(parseJsonLeniently(source));
		} catch {
			// One broken block must not hide the others on the page; it is reported instead.
			problems.push(`script block ${index + 1}`);
		}
	});
	return { documents, problems };
}

/** The types of a node, without prefixes (`schema:Course`, `https://schema.org/Course` -> `Course`). */
export function typesOf(node: unknown): string[] {
	if (!isObject(node)) return [];
	return asArray(node['@type'] ?? node.type)
		.map((type) => text(type))
		.filter((type): type is string => Boolean(type))
		.map((type) => type.replace(/^.*[/#:]/, ''));
}

export function hasType(node: unknown, ...types: string[]): boolean {
	return typesOf(node).some((type) => types.includes(type));
}

/** Reads a property by its plain name or its full schema.org IRI, whichever the publisher used. */
export function prop(node: JsonNode, name: string): unknown {
	return node[name] ?? node[`schema:${name}`] ?? node[`https://schema.org/${name}`] ?? node[`http://schema.org/${name}`];
}

/** The top-level nodes of the documents (lists, `@graph`, ItemList entries), and an index of every node by `@id`. */
export function collectNodes(documents: unknown[]): { nodes: JsonNode[]; byId: Map<string, JsonNode> } {
	const nodes: JsonNode[] = [];
	const byId = new Map<string, JsonNode>();
	const index = (value: unknown, depth: number) => {
		if (depth > 20) return;
		for (const item of asArray(value)) {
			if (!isObject(item)) continue;
			const id = text(item['@id']);
			// A bare reference ({"@id"} alone) must not replace the full node it points to.
			if (id && (Object.keys(item).length > 1 || !byId.has(id))) byId.set(id, item);
			for (const child of Object.values(item)) if (typeof child === 'object') index(child, depth + 1);
		}
	};
	const top = (value: unknown) => {
		for (const item of asArray(value)) {
			if (!isObject(item)) continue;
			if (item['@graph']) top(item['@graph']);
			else if (hasType(item, 'ItemList')) top(asArray(prop(item, 'itemListElement')).map((entry) => (isObject(entry) && entry.item ? entry.item : entry)));
			else nodes.push(item);
		}
	};
	for (const document of documents) {
		index(document, 0);
		top(document);
	}
	return { nodes, byId };
}

/** A node itself, or the node a bare `{"@id"}` (or an IRI string) refers to. */
export function resolve(value: unknown, byId: Map<string, JsonNode>): unknown {
	if (typeof value === 'string' && byId.has(value)) return byId.get(value);
	if (isObject(value) && Object.keys(value).length === 1 && typeof value['@id'] === 'string') return byId.get(value['@id']) ?? value;
	return value;
}

export function resolveAll(value: unknown, byId: Map<string, JsonNode>): unknown[] {
	return asArray(value).map((item) => resolve(item, byId));
}
