import type { PageServerLoad } from './$types';
import { listPlaylists } from '$lib/server/playlists/service';
import { PlaylistStatus } from '$lib/server/playlists/schemas';
import { can } from '$lib/server/policies/policies';
import { pickText } from '$lib/i18n/locales';

/** An organisation's playlists: published ones for everyone, drafts and archived ones for its members. */
export const load: PageServerLoad = async ({ locals, params, parent, url }) => {
	const { org } = await parent();
	const scope = { cityId: org.city.id, organisationId: org.id };
	const canSeeAll = can(locals.actor, 'playlist.readPrivate', scope);
	const status = canSeeAll ? PlaylistStatus.catch('published').parse(url.searchParams.get('status') ?? 'published') : 'published';
	const page = Math.max(1, Math.min(10_000, Number(url.searchParams.get('page')) || 1));
	const result = await listPlaylists(locals.app, locals.actor, { organisation: params.id, status, page, limit: 50 });
	return {
		status,
		canSeeAll,
		canCreate: org.status === 'approved' && can(locals.actor, 'playlist.create', scope),
		canManage: can(locals.actor, 'playlist.manage', scope),
		playlists: result.items.map((p) => ({
			id: p.id,
			title: pickText(p.title, locals.locale, [p.city.defaultLocale]),
			steps: p.items.length,
			followers: p.followers,
			featured: p.featured
		})),
		total: result.total,
		page,
		limit: 50
	};
};
