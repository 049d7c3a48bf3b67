import type { CatalogItem, FrameworkCatalog } from './catalog';

/** Lowercase, without accents, so that "Creativite" finds "Créativité". */
export function normalise(text: string): string {
	return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

export interface SkillSearch {
	q: string;
	frameworkIds?: string[] | undefined;
	limit: number;
	/** Leave out items that cannot be picked as a skill (generic levels). */
	selectableOnly?: boolean;
}

interface PreparedItem {
	item: CatalogItem;
	title: string;
	code: string;
	labels: string;
	description: string;
}

/** Each item's text, lowercased and without accents, once per catalogue: searches then only compare. */
const prepared = new WeakMap<FrameworkCatalog, Map<string, PreparedItem[]>>();
function preparedItems(catalog: FrameworkCatalog): Map<string, PreparedItem[]> {
	let byFramework = prepared.get(catalog);
	if (!byFramework) {
		byFramework = new Map(
			catalog.frameworks.map((framework) => [
				framework.id,
				framework.items.map((item) => ({ item, title: normalise(item.title), code: normalise(item.code), labels: normalise(item.altLabels.join(' ')), description: normalise(item.description) }))
			])
		);
		prepared.set(catalog, byFramework);
	}
	return byFramework;
}

/**
 * Finds framework items by words in their code, title, alternative labels or description. Every word
 * must match somewhere; titles weigh most. The frameworks carry English text only, so matching is on
 * English (and ESCO's alternative labels).
 */
export function searchSkills(catalog: FrameworkCatalog, search: SkillSearch): CatalogItem[] {
	const words = normalise(search.q).split(/\s+/).filter(Boolean);
	if (words.length === 0) return [];
	const startsWord = words.map((word) => new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
	const scored: { item: CatalogItem; score: number }[] = [];
	for (const [frameworkId, items] of preparedItems(catalog)) {
		if (search.frameworkIds?.length && !search.frameworkIds.includes(frameworkId)) continue;
		for (const { item, title, code, labels, description } of items) {
			if (search.selectableOnly && !catalog.isSelectable(item)) continue;
			let score = 0;
			for (let i = 0; i < words.length; i++) {
				const word = words[i]!;
				if (code === word) score += 8;
				else if (title.startsWith(word)) score += 6;
				else if (title.includes(word)) score += startsWord[i]!.test(title) ? 4 : 3;
				else if (labels.includes(word)) score += 2;
				else if (description.includes(word)) score += 1;
				else {
					score = 0;
					break;
				}
			}
			// Broader items first on a tie: a competence before its descriptors.
			if (score > 0) scored.push({ item, score: score * 10 - item.depth });
		}
	}
	return scored
		.sort((a, b) => b.score - a.score || a.item.frameworkId.localeCompare(b.item.frameworkId) || a.item.position - b.item.position)
		.slice(0, search.limit)
		.map((entry) => entry.item);
}
