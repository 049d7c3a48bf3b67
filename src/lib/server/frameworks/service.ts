import { AppError, notFound, type FieldIssue } from '../http/errors';
import type { CatalogFramework, CatalogItem, FrameworkCatalog } from './catalog';
import type { SkillDto, SkillTreeNode } from './schemas';

export function presentFrameworkSummary(framework: CatalogFramework) {
	return {
		id: framework.id,
		name: framework.name,
		version: framework.version,
		publisher: framework.publisher,
		source: framework.source,
		license: framework.license,
		itemCount: framework.items.length
	};
}

export function presentSkill(catalog: FrameworkCatalog, item: CatalogItem): SkillDto {
	return {
		id: item.id,
		frameworkId: item.frameworkId,
		code: item.code,
		title: item.title,
		description: item.description,
		type: item.type,
		kind: item.kind,
		level: item.level,
		uri: item.uri,
		path: item.path,
		selectable: catalog.isSelectable(item)
	};
}

/** A framework as a tree of areas, competences and descriptors (and levels, where it has them). */
/** Skills as a page lists them: each with its framework's name; ids no longer in the catalogue are left out. */
export function presentSkillsForPage(catalog: FrameworkCatalog, ids: readonly string[]) {
	return ids.flatMap((id) => {
		const item = catalog.item(id);
		return item ? [{ ...presentSkill(catalog, item), framework: catalog.framework(item.frameworkId)?.name ?? item.frameworkId }] : [];
	});
}

export function frameworkTree(catalog: FrameworkCatalog, frameworkId: string): SkillTreeNode[] {
	const framework = catalog.framework(frameworkId);
	if (!framework) throw notFound('Framework');
	const build = (key: string): SkillTreeNode[] =>
		catalog.childrenOf(key).map((item) => ({ ...presentSkill(catalog, item), children: build(item.id) }));
	return build(`root:${frameworkId}`);
}

/**
 * Checks skill ids against the frameworks: each must exist, be selectable, and belong to one of the
 * allowed frameworks (a city's choice). Returns the ids without duplicates, or throws a 422 naming
 * each bad entry.
 */
export function validateSkillIds(
	catalog: FrameworkCatalog,
	ids: readonly string[],
	options: { path?: string; allowedFrameworks?: readonly string[] | undefined } = {}
): string[] {
	const field = options.path ?? 'skills';
	const issues: FieldIssue[] = [];
	ids.forEach((id, index) => {
		const item = catalog.item(id);
		if (!item || !catalog.isSelectable(item)) {
			issues.push({ path: `${field}.${index}`, code: 'unknown_skill', message: `Unknown skill "${id}".`, params: { id } });
		} else if (options.allowedFrameworks?.length && !options.allowedFrameworks.includes(item.frameworkId)) {
			issues.push({ path: `${field}.${index}`, code: 'framework_not_used', message: `The city does not use the framework of "${id}".`, params: { id } });
		}
	});
	if (issues.length) throw new AppError('validation_failed', 'Some skills are not valid.', issues);
	return [...new Set(ids)];
}
