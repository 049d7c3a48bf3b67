/** Framework items as pages and components receive them (the API's Skill and SkillTreeNode). */
export interface Skill {
	id: string;
	frameworkId: string;
	code: string;
	title: string;
	description: string;
	type: 'area' | 'competence' | 'descriptor' | 'level';
	kind: string | null;
	level: number | null;
	uri: string | null;
	path: string[];
	selectable: boolean;
}

export type SkillTreeNode = Skill & { children: SkillTreeNode[] };
