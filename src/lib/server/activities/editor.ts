import type { AppContext } from '../app/context';
import type { SkillTreeNode } from '../../frameworks/types';
import { frameworksOfCity } from '../frameworks/city-frameworks';
import { frameworkTree } from '../frameworks/service';
import { findCityById } from '../cities/queries';
import { notFound } from '../http/errors';

const prune = (nodes: SkillTreeNode[]): SkillTreeNode[] =>
	nodes.filter((n) => n.selectable).map((n) => ({ ...n, description: '', children: prune(n.children) }));

/** What the activity form needs from the city: its languages, clock, and the skills it can choose. */
export async function activityEditorContext(app: Pick<AppContext, 'db' | 'frameworks'>, cityId: string) {
	const city = await findCityById(app.db, cityId);
	if (!city) throw notFound('City');
	const frameworkIds = await frameworksOfCity(app.db, app.frameworks, cityId);
	return {
		city: { id: city.id, slug: city.slug, name: city.name, timezone: city.timezone, defaultLocale: city.defaultLocale },
		locales: city.locales,
		frameworks: frameworkIds.map((id) => ({ id, name: app.frameworks.framework(id)!.name, items: prune(frameworkTree(app.frameworks, id)) }))
	};
}
