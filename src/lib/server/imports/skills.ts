import type { FrameworkCatalog } from '../frameworks/catalog';
import { normalise, searchSkills } from '../frameworks/search';

/**
 * Matching what sources say about skills to the frameworks we ship. Codes and URIs match with
 * certainty (an ESCO URI, "DigComp 2.1"); free-text keywords only suggest, for the organiser to
 * confirm, since "communication" may mean several competences.
 */
export function skillMatcher(catalog: FrameworkCatalog) {
	const frameworkByName = (name: string) => {
		const wanted = normalise(name).replace(/[^a-z0-9]/g, '');
		return catalog.frameworks.find((framework) => {
			const id = framework.id.replace(/[^a-z0-9]/g, '');
			const title = normalise(framework.name).replace(/[^a-z0-9]/g, '');
			return wanted === id || wanted.startsWith(id) || title.startsWith(wanted) || (wanted.length > 3 && title.includes(wanted));
		});
	};
	return (code: string, framework?: string | null): string | undefined => {
		const value = code.trim();
		if (!value) return undefined;
		if (/^https?:\/\//i.test(value)) {
			const item = catalog.itemByUri(value) ?? catalog.itemByUri(value.replace(/^https:/i, 'http:')) ?? catalog.itemByUri(value.replace(/^http:/i, 'https:'));
			return item && catalog.isSelectable(item) ? item.id : undefined;
		}
		const direct = catalog.item(value.toLowerCase().startsWith('esco') ? value : value.replace(/^([a-z0-9-]+):/i, (prefix) => prefix.toLowerCase()));
		if (direct && catalog.isSelectable(direct)) return direct.id;
		// "DigComp 2.1", or a code with its framework named beside it.
		const named = /^([a-z][\w -]*?)\s*[:\s]\s*([\w.]+)$/i.exec(value);
		const candidates: [string | null | undefined, string][] = [[framework, value]];
		if (named) candidates.push([named[1], named[2]!]);
		for (const [frameworkName, itemCode] of candidates) {
			if (!frameworkName) continue;
			const found = frameworkByName(frameworkName);
			const item = found ? catalog.item(`${found.id}:${itemCode}`) : undefined;
			if (item && catalog.isSelectable(item)) return item.id;
		}
		return undefined;
	};
}

/**
 * Up to a few framework items whose title matches a keyword well, from the frameworks the city uses.
 * One suggester serves a whole import: keywords repeat across records, so each is searched once.
 */
export function skillSuggester(catalog: FrameworkCatalog, frameworkIds: readonly string[], limit = 5) {
	const byKeyword = new Map<string, string | undefined>();
	const bestFor = (keyword: string) => {
		const key = normalise(keyword.trim());
		if (!byKeyword.has(key)) {
			const [best] = searchSkills(catalog, { q: key, frameworkIds: [...frameworkIds], limit: 1, selectableOnly: true });
			// Only a match in the title (not a word somewhere in a description) is worth suggesting.
			byKeyword.set(key, best && normalise(best.title).includes(key.split(/\s+/)[0]!) ? best.id : undefined);
		}
		return byKeyword.get(key);
	};
	return (keywords: readonly string[]): string[] => {
		const suggested = new Set<string>();
		for (const keyword of keywords.slice(0, 30)) {
			if (keyword.trim().length < 4) continue;
			const best = bestFor(keyword);
			if (best) suggested.add(best);
			if (suggested.size >= limit) break;
		}
		return [...suggested];
	};
}
