import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { UpdatePlaylistInput } from '$lib/server/playlists/schemas';
import { archivePlaylist, publishPlaylist, updatePlaylist } from '$lib/server/playlists/service';
import { playlistEditorContext, playlistFormToInput, playlistToFormValues } from '$lib/server/playlists/form';
import { formToValues } from '$lib/server/activities/form';
import { attemptAction, issuesToErrors, readForm } from '$lib/server/forms/forms';
import { toFieldIssues } from '$lib/server/http/validation';
import { manageablePlaylist } from '$lib/server/pages/playlist-pages';
import { pickText } from '$lib/i18n/locales';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const playlist = await manageablePlaylist(locals, url, params.id);
	const context = await playlistEditorContext(locals.app, playlist);
	return {
		...context,
		playlist: { id: playlist.id, status: playlist.status, title: playlist.title, organisation: playlist.organisation },
		// Publishing needs every step published: say which are not, before anyone tries.
		unpublished: playlist.items.filter((item) => item.status !== 'published').map((item) => pickText(item.title, locals.locale, [playlist.city.defaultLocale])),
		values: playlistToFormValues(playlist, context.locales[0] ?? context.city.defaultLocale),
		created: url.searchParams.has('created')
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request, url }) => {
		await manageablePlaylist(locals, url, params.id);
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		const values = formToValues(form);
		const parsed = UpdatePlaylistInput.safeParse(playlistFormToInput(form));
		if (!parsed.success) return fail(422, { errors: issuesToErrors(toFieldIssues(parsed.error)), values });
		return attemptAction(async () => {
			await updatePlaylist(locals.app, locals.actor, params.id, parsed.data);
			return { done: 'saved' as const };
		}, values);
	},
	publish: async ({ locals, params, url }) => {
		await manageablePlaylist(locals, url, params.id);
		return attemptAction(async () => {
			await publishPlaylist(locals.app, locals.actor, params.id);
			return { done: 'published' as const };
		});
	},
	archive: async ({ locals, params, url }) => {
		await manageablePlaylist(locals, url, params.id);
		return attemptAction(async () => {
			await archivePlaylist(locals.app, locals.actor, params.id);
			return { done: 'archived' as const };
		});
	}
};
