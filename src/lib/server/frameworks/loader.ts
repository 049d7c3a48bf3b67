import { and, eq, isNull, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { frameworkItems, frameworks } from './schema';
import type { CatalogFramework } from './catalog';

/**
 * Brings the database in line with the framework files: a framework whose file changed is rewritten
 * in one transaction (items upserted, items no longer in the file retired); an unchanged one is skipped.
 * Instances starting together may both load a changed file; the upserts make that harmless.
 */
export async function syncFrameworks(db: Db, catalog: CatalogFramework[]): Promise<string[]> {
	const stored = new Map((await db.select({ id: frameworks.id, hash: frameworks.contentHash }).from(frameworks)).map((r) => [r.id, r.hash]));
	const loaded: string[] = [];
	for (const framework of catalog) {
		if (stored.get(framework.id) === framework.contentHash) continue;
		await db.transaction(async (tx) => {
			const meta = {
				name: framework.name,
				version: framework.version,
				publisher: framework.publisher,
				source: framework.source,
				license: framework.license,
				itemCount: framework.items.length,
				contentHash: framework.contentHash,
				loadedAt: new Date()
			};
			await tx.insert(frameworks).values({ id: framework.id, ...meta }).onConflictDoUpdate({ target: frameworks.id, set: meta });
			for (let start = 0; start < framework.items.length; start += 200) {
				const batch = framework.items.slice(start, start + 200).map((item) => ({
					id: item.id,
					frameworkId: framework.id,
					code: item.code,
					title: item.title,
					description: item.description,
					parentId: item.parentId,
					type: item.type,
					kind: item.kind,
					level: item.level,
					uri: item.uri,
					altLabels: item.altLabels,
					position: item.position,
					retiredAt: null
				}));
				await tx
					.insert(frameworkItems)
					.values(batch)
					.onConflictDoUpdate({
						target: frameworkItems.id,
						set: {
							code: sql`excluded.code`,
							title: sql`excluded.title`,
							description: sql`excluded.description`,
							parentId: sql`excluded.parent_id`,
							type: sql`excluded.type`,
							kind: sql`excluded.kind`,
							level: sql`excluded.level`,
							uri: sql`excluded.uri`,
							altLabels: sql`excluded.alt_labels`,
							position: sql`excluded.position`,
							retiredAt: sql`null`
						}
					});
			}
			await tx
				.update(frameworkItems)
				.set({ retiredAt: new Date() })
				.where(
					and(
						eq(frameworkItems.frameworkId, framework.id),
						isNull(frameworkItems.retiredAt),
						notInArray(frameworkItems.id, framework.items.map((i) => i.id))
					)
				);
		});
		loaded.push(framework.id);
	}
	return loaded;
}
