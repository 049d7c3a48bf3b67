import { m } from '$lib/paraglide/messages';

/** Playlist statuses read like activity statuses: draft, published, archived. */
const statuses: Record<string, () => string> = {
	draft: m.activity_status_draft,
	published: m.activity_status_published,
	archived: m.activity_status_archived
};

export const playlistStatusLabel = (status: string) => statuses[status]?.() ?? status;
