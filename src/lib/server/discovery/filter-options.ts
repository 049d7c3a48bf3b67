import type { FrameworkCatalog } from '../frameworks/catalog';

/** The skills offered in the search filter: each framework's areas and competences (not every descriptor). */
export function skillFilterOptions(catalog: FrameworkCatalog) {
	return catalog.frameworks.map((framework) => ({
		framework: framework.name,
		options: framework.items
			.filter((item) => item.type === 'area' || item.type === 'competence')
			.map((item) => ({ value: item.id, label: item.type === 'area' ? item.title : `— ${item.title}` }))
	}));
}
