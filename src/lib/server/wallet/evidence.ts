import type { CatalogItem, FrameworkCatalog } from '../frameworks/catalog';

/** The part of an Open Badges 3.0 alignment this module reads back (as `openbadge.ts` writes it). */
interface Alignment {
	targetUrl?: string;
	targetCode?: string;
	targetFramework?: string;
}

/**
 * The framework items a credential gives evidence for, read from the alignment signed into it: what
 * the badge said when it was awarded, not what the activity says today (an organiser may edit its
 * skills later). `openbadge.ts` writes each item as its ESCO URI when it has one, else as a link to
 * `/frameworks/<framework>#<item id>`; the framework name and code are the last resort.
 */
export function alignedItems(document: Record<string, unknown>, catalog: FrameworkCatalog): CatalogItem[] {
	const subject = document.credentialSubject as { achievement?: { alignment?: Alignment[] } } | undefined;
	const found = new Map<string, CatalogItem>();
	for (const alignment of subject?.achievement?.alignment ?? []) {
		const item = itemOf(alignment, catalog);
		if (item) found.set(item.id, item);
	}
	return [...found.values()];
}

function itemOf(alignment: Alignment, catalog: FrameworkCatalog): CatalogItem | undefined {
	const url = alignment.targetUrl ?? '';
	const fragment = url.includes('#') ? decodeURIComponent(url.slice(url.indexOf('#') + 1)) : '';
	const byFragment = fragment ? catalog.item(fragment) : undefined;
	if (byFragment) return byFragment;
	const byUri = url ? catalog.itemByUri(url) : undefined;
	if (byUri) return byUri;
	const framework = catalog.frameworks.find((f) => f.name === alignment.targetFramework || f.id === alignment.targetFramework);
	return framework?.items.find((item) => item.code === alignment.targetCode);
}

/**
 * Where a skill counts in the profile: the competence it belongs to (descriptors roll up to their
 * competence), or the area itself when a badge names a whole area. Proficiency levels describe how
 * well, not what, and count nowhere.
 */
export function competenceOf(item: CatalogItem, catalog: FrameworkCatalog): CatalogItem | undefined {
	if (item.type === 'level') return undefined;
	for (let current: CatalogItem | undefined = item; current; current = current.parentId ? catalog.item(current.parentId) : undefined) {
		if (current.type === 'competence') return current;
	}
	return item.type === 'area' ? item : undefined;
}

/** The area a competence sits in (the top of its branch); an area is its own. */
export function areaOf(item: CatalogItem, catalog: FrameworkCatalog): CatalogItem {
	let current = item;
	while (current.parentId) {
		const parent = catalog.item(current.parentId);
		if (!parent) break;
		current = parent;
	}
	return current;
}

/** The competences (and whole areas) a credential gives evidence for, each once. */
export function evidencedCompetences(document: Record<string, unknown>, catalog: FrameworkCatalog): CatalogItem[] {
	const found = new Map<string, CatalogItem>();
	for (const item of alignedItems(document, catalog)) {
		const competence = competenceOf(item, catalog);
		if (competence) found.set(competence.id, competence);
	}
	return [...found.values()];
}
