import type { Actions, PageServerLoad } from './$types';
import { featurePlaylist } from '$lib/server/playlists/service';
import { followPlaylist, myProgressIn, unfollowPlaylist } from '$lib/server/playlists/following';
import { effectiveSkills } from '$lib/server/playlists/queries';
import { renderMarkdown } from '$lib/server/activities/markdown';
import { presentSkillsForPage } from '$lib/server/frameworks/service';
import { attemptAction } from '$lib/server/forms/forms';
import { playlistForPage } from '$lib/server/pages/playlist-pages';
import { can } from '$lib/server/policies/policies';
import { requireSignedIn } from '$lib/server/pages/guards';
import { pickText } from '$lib/i18n/locales';

export const load: PageServerLoad = async ({ locals, params }) => {
	const playlist = await playlistForPage(locals, locals.actor, params.id);
	const locale = locals.locale;
	const fallbacks = [playlist.city.defaultLocale];
	const story = pickText(playlist.description, locale, fallbacks);
	const mine = await myProgressIn(locals.app, locals.actor, playlist);
	const progressOf = new Map(mine?.progress.items.map((item) => [item.activityId, item]) ?? []);
	const catalog = locals.app.frameworks;
	return {
		playlist: {
			id: playlist.id,
			status: playlist.status,
			featured: playlist.featured,
			title: pickText(playlist.title, locale, fallbacks),
			storyHtml: story ? renderMarkdown(story.text) : '',
			storyLocale: story?.locale,
			organisation: { id: playlist.organisation.id, name: playlist.organisation.name },
			city: { slug: playlist.city.slug, name: playlist.city.name },
			ordered: playlist.ordered,
			needed: playlist.requiredCount ?? playlist.items.length,
			total: playlist.items.length,
			steps: playlist.items.map((item) => ({
				activityId: item.activityId,
				title: pickText(item.title, locale, fallbacks),
				organisation: item.organisation.name,
				required: item.required,
				available: item.status === 'published',
				done: progressOf.get(item.activityId)?.done ?? false,
				locked: progressOf.get(item.activityId)?.locked ?? false
			})),
			badge: { name: pickText(playlist.badge.name, locale, fallbacks), criteria: pickText(playlist.badge.criteria, locale, fallbacks) },
			skills: presentSkillsForPage(catalog, effectiveSkills(playlist))
		},
		following: mine ? { completed: mine.progress.completed, needed: mine.progress.needed, next: mine.progress.next, credentialId: mine.credential?.id ?? null } : null,
		signedIn: locals.actor.kind === 'user',
		canManage: can(locals.actor, 'playlist.manage', playlist),
		canFeature: can(locals.actor, 'playlist.feature', playlist),
		canSeeImpact: can(locals.actor, 'playlist.impact', playlist)
	};
};


export const actions: Actions = {
	follow: async ({ locals, params, url }) => {
		const actor = requireSignedIn(locals.actor, url);
		return attemptAction(async () => {
			const followed = await followPlaylist(locals.app, actor, params.id);
			return { done: followed.credential ? ('earned' as const) : ('followed' as const) };
		});
	},
	unfollow: async ({ locals, params, url }) => {
		const actor = requireSignedIn(locals.actor, url);
		return attemptAction(async () => {
			await unfollowPlaylist(locals.app, actor, params.id);
			return { done: 'unfollowed' as const };
		});
	},
	feature: async ({ locals, params, request, url }) => {
		const actor = requireSignedIn(locals.actor, url);
		const featured = (await request.formData()).get('featured') === 'true';
		return attemptAction(async () => {
			await featurePlaylist(locals.app, actor, params.id, featured);
			return { done: featured ? ('featured' as const) : ('unfeatured' as const) };
		});
	}
};
