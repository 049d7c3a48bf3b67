import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { CreatePlaylistInput } from '$lib/server/playlists/schemas';
import { createPlaylist } from '$lib/server/playlists/service';
import { playlistEditorContext, playlistFormToInput } from '$lib/server/playlists/form';
import { formToValues } from '$lib/server/activities/form';
import { findOrganisation } from '$lib/server/organisations/queries';
import { attemptAction, issuesToErrors, readForm } from '$lib/server/forms/forms';
import { toFieldIssues, isUuid } from '$lib/server/http/validation';
import { can } from '$lib/server/policies/policies';
import { requireSignedIn } from '$lib/server/pages/guards';

async function organisationFor(locals: App.Locals, url: URL, id: string | null) {
	const actor = requireSignedIn(locals.actor, url);
	const org = id && isUuid(id) ? await findOrganisation(locals.app.db, id) : undefined;
	if (!org) error(404, 'Organisation not found');
	if (!can(actor, 'playlist.create', { cityId: org.cityId, organisationId: org.id })) error(403, 'Members only');
	return org;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const org = await organisationFor(locals, url, url.searchParams.get('organisation'));
	const context = await playlistEditorContext(locals.app, { cityId: org.cityId, organisationId: org.id });
	const values = { organisationId: org.id };
	return { organisation: { id: org.id, name: org.name, status: org.status }, ...context, values };
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const form = await readForm(request);
		if (!(form instanceof FormData)) return form;
		await organisationFor(locals, url, String(form.get('organisationId') ?? ''));
		const values = formToValues(form);
		const parsed = CreatePlaylistInput.safeParse(playlistFormToInput(form));
		if (!parsed.success) return fail(422, { errors: issuesToErrors(toFieldIssues(parsed.error)), values });
		return attemptAction(async () => {
			const playlist = await createPlaylist(locals.app, locals.actor, parsed.data);
			redirect(303, `/playlists/${playlist.id}/edit?created=1`);
		}, values);
	}
};
