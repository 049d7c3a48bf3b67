import { eq, inArray } from 'drizzle-orm';
import { m } from '../../paraglide/messages.js';
import { isLocale } from '../../i18n/locales';
import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/database';
import { authorize, can, requireUser } from '../policies/policies';
import { invalidState, notFound, validationFailed } from '../http/errors';
import { recordAudit } from '../platform/audit';
import { findOrganisationScope } from '../organisations/queries';
import { findCityBySlug } from '../cities/queries';
import { activities } from '../activities/schema';
import { describeBadge } from '../activities/rules';
import { frameworksOfCity } from '../frameworks/city-frameworks';
import { validateSkillIds } from '../frameworks/service';
import { playlistItems, playlists } from './schema';
import { findPlaylistScope, listPlaylistIds, loadPlaylist, loadPlaylists, type PlaylistRecord } from './queries';
import { rulesProblems } from './progress';
import type { CreatePlaylistInput, UpdatePlaylistInput } from './schemas';

type Deps = Pick<AppContext, 'db' | 'frameworks' | 'now'>;

const playlistCriteria = (locale: string, title: string) => m.playlist_badge_default_criteria({ title }, { locale: isLocale(locale) ? locale : 'en' });

/**
 * An item is the organisation's own activity (in any state while the playlist is a draft), or another
 * organisation's published one in the same city: publishing an activity makes it available to pathways.
 */
async function checkedItems(db: Db, owner: { cityId: string; organisationId: string }, items: CreatePlaylistInput['items']) {
	const ids = items.map((item) => item.activityId);
	const found = ids.length
		? await db.select({ id: activities.id, cityId: activities.cityId, organisationId: activities.organisationId, status: activities.status }).from(activities).where(inArray(activities.id, ids))
		: [];
	const byId = new Map(found.map((row) => [row.id, row]));
	const problems = items.flatMap((item, index) => {
		const activity = byId.get(item.activityId);
		const path = `items.${index}.activityId`;
		if (!activity || activity.cityId !== owner.cityId) return [{ path, code: 'unknown_activity', message: 'There is no such activity in this city.' }];
		if (activity.organisationId !== owner.organisationId && activity.status !== 'published') {
			return [{ path, code: 'activity_not_public', message: 'Another organisation’s activity can be added once it is published.' }];
		}
		return [];
	});
	if (problems.length) throw validationFailed(problems);
	return items.map((item, position) => ({ activityId: item.activityId, required: item.required, position }));
}

async function checkedSkills(app: Deps, cityId: string, skills: string[] | undefined) {
	if (!skills?.length) return [];
	return validateSkillIds(app.frameworks, skills, { allowedFrameworks: await frameworksOfCity(app.db, app.frameworks, cityId) });
}

function checkRules(rules: { ordered: boolean; requiredCount: number | null }, items: { required: boolean }[]) {
	const problems = rulesProblems(rules, items);
	if (problems.length) throw validationFailed(problems);
}

async function replaceItems(tx: Db, playlist: { id: string; cityId: string }, items: { activityId: string; required: boolean; position: number }[]) {
	await tx.delete(playlistItems).where(eq(playlistItems.playlistId, playlist.id));
	if (items.length) await tx.insert(playlistItems).values(items.map((item) => ({ ...item, playlistId: playlist.id, cityId: playlist.cityId })));
}

/** Creates a draft playlist owned by an approved organisation, which will issue its badge. */
export async function createPlaylist(app: Deps, actor: Actor, input: CreatePlaylistInput): Promise<PlaylistRecord> {
	const org = await findOrganisationScope(app.db, input.organisationId);
	if (!org) throw validationFailed([{ path: 'organisationId', code: 'unknown_organisation', message: 'There is no such organisation.' }]);
	authorize(actor, 'playlist.create', { cityId: org.cityId, organisationId: org.id });
	if (input.city) {
		const city = await findCityBySlug(app.db, input.city);
		if (city?.id !== org.cityId) throw validationFailed([{ path: 'city', code: 'city_mismatch', message: 'The organisation belongs to another city.' }]);
	}
	if (org.status !== 'approved') throw invalidState('Only an approved organisation can create playlists.');
	const items = await checkedItems(app.db, { cityId: org.cityId, organisationId: org.id }, input.items);
	const rules = { ordered: input.ordered ?? false, requiredCount: input.requiredCount ?? null };
	checkRules(rules, items);
	const skills = await checkedSkills(app, org.cityId, input.skills);
	const user = requireUser(actor);
	const id = await app.db.transaction(async (tx) => {
		const [row] = await tx
			.insert(playlists)
			.values({
				cityId: org.cityId,
				organisationId: org.id,
				title: input.title,
				description: input.description,
				targetGroups: input.targetGroups ?? [],
				skills,
				...rules,
				badge: describeBadge(input.badge, input, playlistCriteria),
				createdBy: user.user.id
			})
			.returning({ id: playlists.id, cityId: playlists.cityId });
		await replaceItems(tx, row!, items);
		await recordAudit(tx, { cityId: org.cityId, actorId: user.user.id, action: 'playlist.create', targetType: 'playlist', targetId: row!.id });
		return row!.id;
	});
	return (await loadPlaylist(app.db, id))!;
}

async function manageable(app: Deps, actor: Actor, id: string) {
	const record = await loadPlaylist(app.db, id);
	if (!record) throw notFound('Playlist');
	if (!can(actor, 'playlist.readPrivate', record) && record.status === 'draft') throw notFound('Playlist');
	authorize(actor, 'playlist.manage', record);
	return record;
}

/** Changes what is given; the rules are checked against the result. Earned badges stay as issued. */
export async function updatePlaylist(app: Deps, actor: Actor, id: string, input: UpdatePlaylistInput): Promise<PlaylistRecord> {
	const existing = await manageable(app, actor, id);
	const owner = { cityId: existing.cityId, organisationId: existing.organisationId };
	const items = input.items ? await checkedItems(app.db, owner, input.items) : existing.items;
	if (existing.status === 'published' && items.length === 0) throw validationFailed([{ path: 'items', code: 'required', message: 'A published playlist needs at least one activity.' }]);
	const rules = { ordered: input.ordered ?? existing.ordered, requiredCount: input.requiredCount !== undefined ? input.requiredCount : existing.requiredCount };
	checkRules(rules, items);
	const skills = input.skills !== undefined ? await checkedSkills(app, existing.cityId, input.skills) : undefined;
	const title = input.title ?? existing.title;
	const user = requireUser(actor);
	await app.db.transaction(async (tx) => {
		await tx
			.update(playlists)
			.set({
				...(input.title !== undefined && { title: input.title }),
				...(input.description !== undefined && { description: input.description }),
				...(input.targetGroups !== undefined && { targetGroups: input.targetGroups }),
				...(skills !== undefined && { skills }),
				...rules,
				...(input.badge !== undefined && { badge: describeBadge(input.badge, { title, description: input.description ?? existing.description }, playlistCriteria) })
			})
			.where(eq(playlists.id, id));
		if (input.items) await replaceItems(tx, existing, items);
		await recordAudit(tx, { cityId: existing.cityId, actorId: user.user.id, action: 'playlist.update', targetType: 'playlist', targetId: id });
	});
	return (await loadPlaylist(app.db, id))!;
}

/** Publishing needs at least one activity, every one of them published: learners must be able to join. */
export async function publishPlaylist(app: Deps, actor: Actor, id: string): Promise<PlaylistRecord> {
	const existing = await manageable(app, actor, id);
	if (existing.organisation.status !== 'approved') throw invalidState('Only an approved organisation can publish playlists.');
	if (existing.items.length === 0) throw invalidState('Add at least one activity before publishing.');
	const unpublished = existing.items.filter((item) => item.status !== 'published');
	if (unpublished.length) {
		const names = unpublished.map((item) => Object.values(item.title)[0] ?? item.activityId).join(', ');
		throw invalidState(`Publish these activities first, or take them out: ${names}.`);
	}
	return setStatus(app, actor, existing, 'published');
}

export async function archivePlaylist(app: Deps, actor: Actor, id: string): Promise<PlaylistRecord> {
	return setStatus(app, actor, await manageable(app, actor, id), 'archived');
}

async function setStatus(app: Deps, actor: Actor, existing: PlaylistRecord, status: 'published' | 'archived') {
	if (existing.status === status) throw invalidState(`This playlist is already ${status}.`);
	const user = requireUser(actor);
	const now = app.now();
	await app.db.transaction(async (tx) => {
		await tx
			.update(playlists)
			.set(status === 'published' ? { status, publishedAt: existing.publishedAt ?? now, archivedAt: null } : { status, archivedAt: now, featured: false })
			.where(eq(playlists.id, existing.id));
		await recordAudit(tx, { cityId: existing.cityId, actorId: user.user.id, action: `playlist.${status === 'published' ? 'publish' : 'archive'}`, targetType: 'playlist', targetId: existing.id });
	});
	return (await loadPlaylist(app.db, existing.id))!;
}

/** City admins feature published playlists on the city's home page. */
export async function featurePlaylist(app: Deps, actor: Actor, id: string, featured: boolean): Promise<PlaylistRecord> {
	const scope = await findPlaylistScope(app.db, id);
	if (!scope) throw notFound('Playlist');
	authorize(actor, 'playlist.feature', scope);
	if (featured && scope.status !== 'published') throw invalidState('Only a published playlist can be featured.');
	const user = requireUser(actor);
	await app.db.transaction(async (tx) => {
		await tx.update(playlists).set({ featured }).where(eq(playlists.id, id));
		await recordAudit(tx, { cityId: scope.cityId, actorId: user.user.id, action: featured ? 'playlist.feature' : 'playlist.unfeature', targetType: 'playlist', targetId: id });
	});
	return (await loadPlaylist(app.db, id))!;
}

/** Published and archived playlists are public; drafts only for the organisation and the city's admins. */
export async function getPlaylist(app: Pick<Deps, 'db'>, actor: Actor, id: string): Promise<PlaylistRecord> {
	const record = await loadPlaylist(app.db, id);
	if (!record || (record.status === 'draft' && !can(actor, 'playlist.readPrivate', record))) throw notFound('Playlist');
	return record;
}

export async function listPlaylists(
	app: Pick<Deps, 'db'>,
	actor: Actor,
	query: { city?: string | undefined; organisation?: string | undefined; featured?: boolean | undefined; status?: 'draft' | 'published' | 'archived' | undefined; page: number; limit: number }
) {
	const status = query.status ?? 'published';
	let cityId: string | undefined;
	if (query.city) {
		const city = await findCityBySlug(app.db, query.city);
		if (!city) return { items: [], total: 0, page: query.page, limit: query.limit };
		cityId = city.id;
	}
	if (status !== 'published') {
		// Drafts and archived playlists are listed per organisation, for those who may see them.
		if (!query.organisation) throw validationFailed([{ path: 'organisation', code: 'required', message: 'Give the organisation whose playlists to list.' }]);
		const org = await findOrganisationScope(app.db, query.organisation);
		if (!org) throw notFound('Organisation');
		authorize(actor, 'playlist.readPrivate', { cityId: org.cityId, organisationId: org.id });
	}
	const { ids, total } = await listPlaylistIds(app.db, { cityId, organisationId: query.organisation, featured: query.featured, status }, query);
	return { items: await loadPlaylists(app.db, ids), total, page: query.page, limit: query.limit };
}
