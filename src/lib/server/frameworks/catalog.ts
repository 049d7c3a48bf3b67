import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The shape of a file in `frameworks/` (see its README). */
const FileItem = z.object({
	id: z.string().min(3),
	code: z.string(),
	title: z.string().min(1),
	description: z.string().optional().default(''),
	parentId: z.string().nullable(),
	type: z.enum(['area', 'competence', 'descriptor', 'level']),
	kind: z.string().optional(),
	level: z.number().int().optional(),
	uri: z.string().optional(),
	altLabels: z.array(z.string()).optional()
});
const FrameworkFile = z.object({
	id: z.string().regex(/^[a-z0-9-]+$/),
	name: z.string(),
	version: z.string(),
	publisher: z.string(),
	source: z.string(),
	license: z.string(),
	items: z.array(FileItem).min(1)
});

export type FrameworkItemType = z.infer<typeof FileItem>['type'];

export interface CatalogItem {
	id: string;
	frameworkId: string;
	code: string;
	title: string;
	description: string;
	parentId: string | null;
	type: FrameworkItemType;
	kind: string | null;
	level: number | null;
	uri: string | null;
	altLabels: string[];
	position: number;
	depth: number;
	/** Titles from the framework root down to this item, for showing where a skill sits. */
	path: string[];
}

export interface CatalogFramework {
	id: string;
	name: string;
	version: string;
	publisher: string;
	source: string;
	license: string;
	contentHash: string;
	items: CatalogItem[];
}

/**
 * Every framework, in memory. The files are small (~450 KB in all) and never change while the platform
 * runs, so lookups, trees and the skill search need no database round trip; the database holds the same
 * items for joins and integrity.
 */
export class FrameworkCatalog {
	readonly frameworks: CatalogFramework[];
	private readonly byId = new Map<string, CatalogItem>();
	private readonly byUri = new Map<string, CatalogItem>();
	private readonly children = new Map<string | null, CatalogItem[]>();

	constructor(frameworks: CatalogFramework[]) {
		this.frameworks = frameworks;
		for (const framework of frameworks) {
			for (const item of framework.items) {
				this.byId.set(item.id, item);
				if (item.uri) this.byUri.set(item.uri, item);
				const key = item.parentId ?? `root:${framework.id}`;
				this.children.set(key, [...(this.children.get(key) ?? []), item]);
			}
		}
	}

	framework(id: string): CatalogFramework | undefined {
		return this.frameworks.find((f) => f.id === id);
	}

	item(id: string): CatalogItem | undefined {
		return this.byId.get(id);
	}

	itemByUri(uri: string): CatalogItem | undefined {
		return this.byUri.get(uri);
	}

	/** Direct children of an item, or the top-level items of a framework (`root:<framework id>`). */
	childrenOf(key: string): CatalogItem[] {
		return this.children.get(key) ?? [];
	}

	/** Items a person can pick as a skill: everything but the generic proficiency/progression levels. */
	isSelectable(item: CatalogItem): boolean {
		return item.type !== 'level';
	}
}

/** Reads and checks every framework file in a folder; the folder ships with the platform. */
export function readFrameworkFiles(folder: string): CatalogFramework[] {
	const files = fs.readdirSync(folder).filter((name) => name.endsWith('.json')).sort();
	return files.map((name) => {
		const raw = fs.readFileSync(path.join(folder, name));
		const parsed = FrameworkFile.safeParse(JSON.parse(raw.toString('utf8')));
		if (!parsed.success) throw new Error(`frameworks/${name} is not a valid framework file: ${parsed.error.issues[0]?.message}`);
		const file = parsed.data;
		const byId = new Map(file.items.map((item) => [item.id, item]));
		const pathOf = (id: string | null): string[] => {
			const titles: string[] = [];
			for (let current = id ? byId.get(id) : undefined; current; current = current.parentId ? byId.get(current.parentId) : undefined) {
				titles.unshift(current.title);
			}
			return titles;
		};
		return {
			id: file.id,
			name: file.name,
			version: file.version,
			publisher: file.publisher,
			source: file.source,
			license: file.license,
			contentHash: createHash('sha256').update(raw).digest('hex'),
			items: file.items.map((item, position) => {
				const itemPath = pathOf(item.id);
				return {
					id: item.id,
					frameworkId: file.id,
					code: item.code,
					title: item.title,
					description: item.description,
					parentId: item.parentId,
					type: item.type,
					kind: item.kind ?? null,
					level: item.level ?? null,
					uri: item.uri ?? null,
					altLabels: item.altLabels ?? [],
					position,
					depth: itemPath.length - 1,
					path: itemPath.slice(0, -1)
				};
			})
		};
	});
}

export function defaultFrameworksFolder(): string {
	const folder = path.resolve(process.env.FRAMEWORKS_DIR ?? 'frameworks');
	if (!fs.existsSync(folder)) throw new Error(`No frameworks folder at ${folder}: run the platform from the project folder or set FRAMEWORKS_DIR.`);
	return folder;
}
