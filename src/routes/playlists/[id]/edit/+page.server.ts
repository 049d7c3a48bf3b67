import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { UpdatePlaylistInput } from '$lib/server/playlists/schemas';
import { archivePlaylist, getPlaylist, publishPlaylist, updatePlaylist } from '$lib/server/playlists/service';
import { playlistEditorContext, playlistFormToInput, playlistToFormValues } from '$lib/server/playlists/form';
import { formToValues } from '$lib/server/activities/form';
import { failureFor, issuesToErrors } from '$lib/server/forms/forms';
import { isUuid, toFieldIssues } from '$lib/server/http/validation';
import { AppError } from '$lib/server/http/errors';
import { can } from '$lib/server/policies/policies';
import { requireSignedIn } from '$lib/server/pages/guards';
import { pickText } from '$lib/i18n/locales';

async function editable(locals: App.Locals, url: URL, id: string) {
	const actor = requireSignedIn(locals.actor, url);
	if (!isUuid(id)) error(404, 'Playlist not found');
	const playlist = await getPlaylist(locals.app, actor, id).catch((cause: unknown) => {
		if (cause instanceof AppError && cause.code === 'not_found') error(404, 'Playlist not found');
		throw cause;
	});
	if (!can(actor, 'playlist.manage', playlist)) error(403, 'Organisers only');
	return playlist;
}

/** Runs an action and turns AppErrors into a page failure. */
async function attempt<T>(fn: () => Promise<T>) {
	try {
		return await fn();
	} catch (cause) {
		if (cause instanceof AppError) return failureFor(cause);
		throw cause;
	}
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const playlist = await editable(locals, url, params.id);
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
		await editable(locals, url, params.id);
		const form = await request.formData();
		const values = formToValues(form);
		const parsed = UpdatePlaylistInput.safeParse(playlistFormToInput(form));
		if (!parsed.success) return fail(422, { errors: issuesToErrors(toFieldIssues(parsed.error)), values });
		try {
			await updatePlaylist(locals.app, locals.actor, params.id, parsed.data);
			return { done: 'saved' as const };
		} catch (cause) {
			if (cause instanceof AppError) return failureFor(cause, values);
			throw cause;
		}
	},
	publish: async ({ locals, params, url }) => {
		await editable(locals, url, params.id);
		return attempt(async () => {
			await publishPlaylist(locals.app, locals.actor, params.id);
			return { done: 'published' as const };
		});
	},
	archive: async ({ locals, params, url }) => {
		await editable(locals, url, params.id);
		return attempt(async () => {
			await archivePlaylist(locals.app, locals.actor, params.id);
			return { done: 'archived' as const };
		});
	}
};
