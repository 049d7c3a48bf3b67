import type { CatalogItem, FrameworkCatalog } from '../frameworks/catalog';
import { csvRows } from '../shared/csv';
import { areaOf, evidencedCompetences } from './evidence';

/** What the profile needs of a credential. */
export interface EvidenceSource {
	id: string;
	document: Record<string, unknown>;
	revokedAt: Date | null;
}

export interface CompetenceCount {
	id: string;
	code: string;
	title: string;
	/** How many of the learner's credentials give evidence for it. */
	count: number;
}

export interface AreaProfile {
	id: string;
	title: string;
	/** The area's competences in the framework's order; a badge that names the whole area counts as a row of its own. */
	competences: CompetenceCount[];
}

export interface FrameworkProfile {
	id: string;
	name: string;
	/** Credentials with evidence for anything in this framework (each once). */
	credentials: number;
	areas: AreaProfile[];
}

/**
 * Sums the evidence per framework competence. A revoked credential is no evidence; an expired one
 * still shows what the learner did (expiry says the badge wants renewing, not that it was undeserved).
 * Frameworks without evidence are left out; inside a framework with evidence every competence is
 * listed, so that the learner sees what they have not worked on yet too.
 */
export function skillProfile(credentials: EvidenceSource[], catalog: FrameworkCatalog): FrameworkProfile[] {
	const counts = new Map<string, number>();
	const perFramework = new Map<string, Set<string>>();
	for (const credential of credentials) {
		if (credential.revokedAt) continue;
		for (const competence of evidencedCompetences(credential.document, catalog)) {
			counts.set(competence.id, (counts.get(competence.id) ?? 0) + 1);
			const seen = perFramework.get(competence.frameworkId) ?? new Set<string>();
			perFramework.set(competence.frameworkId, seen.add(credential.id));
		}
	}
	return catalog.frameworks
		.filter((framework) => perFramework.has(framework.id))
		.map((framework) => {
			const areas = new Map<string, { area: CatalogItem; rows: CompetenceCount[] }>();
			const row = (item: CatalogItem): CompetenceCount => ({ id: item.id, code: item.code, title: item.title, count: counts.get(item.id) ?? 0 });
			for (const item of framework.items) {
				if (item.type === 'area' && !item.parentId) areas.set(item.id, { area: item, rows: counts.has(item.id) ? [row(item)] : [] });
			}
			for (const item of framework.items) {
				if (item.type !== 'competence') continue;
				const area = areaOf(item, catalog);
				const group = areas.get(area.id) ?? { area, rows: [] };
				group.rows.push(row(item));
				areas.set(area.id, group);
			}
			return {
				id: framework.id,
				name: framework.name,
				credentials: perFramework.get(framework.id)?.size ?? 0,
				areas: [...areas.values()].filter((group) => group.rows.length).map(({ area, rows }) => ({ id: area.id, title: area.title, competences: rows }))
			};
		});
}

/** The profile as CSV (framework, area, competence code and title, count), one row per competence. */
export function skillProfileCsv(profile: FrameworkProfile[], header: string[]): string {
	const rows = profile.flatMap((framework) => framework.areas.flatMap((area) => area.competences.map((c) => [framework.name, area.title, c.code, c.title, c.count])));
	return csvRows([header, ...rows]);
}
