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

/**
 * Finds framework items by words in their code, title, alternative labels or description. Every word
 * must match somewhere; titles weigh most. The frameworks carry English text only, so matching is on
 * English (and ESCO's alternative labels).
 */
export function searchSkills(catalog: FrameworkCatalog, search: SkillSearch): CatalogItem[] {
	const words = normalise(search.q).split(/\s+/).filter(Boolean);
	if (words.length === 0) return [];
	const scored: { item: CatalogItem; score: number }[] = [];
	for (const framework of catalog.frameworks) {
		if (search.frameworkIds?.length && !search.frameworkIds.includes(framework.id)) continue;
		for (const item of framework.items) {
			if (search.selectableOnly && !catalog.isSelectable(item)) continue;
			const title = normalise(item.title);
			const code = normalise(item.code);
			const labels = normalise(item.altLabels.join(' '));
			const description = normalise(item.description);
			let score = 0;
			for (const word of words) {
				if (code === word) score += 8;
				else if (title.startsWith(word)) score += 6;
				else if (new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(title)) score += 4;
				else if (title.includes(word)) score += 3;
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
