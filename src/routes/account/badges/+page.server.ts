import type { PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/pages/guards';
import { listMyCredentials } from '$lib/server/credentials/service';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	const rows = await listMyCredentials(locals.app, actor);
	return {
		badges: rows.map((row) => ({
			id: row.id,
			name: String(row.document.name ?? ''),
			issuer: String((row.document.issuer as { name?: string }).name ?? ''),
			issuedAt: row.issuedAt.toISOString(),
			revoked: row.revokedAt !== null
		}))
	};
};
