import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/pages/guards';
import { listMyCredentials } from '$lib/server/credentials/service';
import { presentCredential } from '$lib/server/credentials/presenters';
import type { VerificationReport } from '$lib/server/credentials/verify';
import { handleForm } from '$lib/server/forms/forms';
import { AppError } from '$lib/server/http/errors';
import { enforceRateLimit } from '$lib/server/ratelimit/rate-limiter';
import { importCredential, listImportedCredentials, removeImportedCredential } from '$lib/server/wallet/imports';

const ImportForm = z.object({ url: z.string().max(2000).optional(), credential: z.string().max(1_000_000).optional() });

/** The checks in a report, without the English messages (the page words each check itself). */
const checksOf = (report: VerificationReport) => report.checks.map(({ check, ok }) => ({ check, ok }));

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor, url);
	const [issued, imported] = await Promise.all([listMyCredentials(locals.app, actor), listImportedCredentials(locals.app, actor)]);
	// The page lists them; the signed documents stay behind their links.
	const badges = issued.map((row) => presentCredential(row, locals.app.config.publicUrl)).map(({ credential: _credential, ...badge }) => badge);
	return {
		badges,
		imported: imported.map((row) => ({
			id: row.id,
			name: row.achievementName,
			issuer: row.issuerName,
			issuedAt: row.issuedAt?.toISOString() ?? null,
			valid: row.valid,
			checks: checksOf(row.verification)
		}))
	};
};

export const actions: Actions = {
	/** A link, pasted JSON or JWT, or an uploaded badge image or file: verified, then kept. */
	import: async (event) => {
		const actor = requireSignedIn(event.locals.actor, event.url);
		const { app } = event.locals;
		return handleForm(event.request, ImportForm, {}, async (input, form) => {
			await enforceRateLimit(app.db, [`verify:ip:${event.getClientAddress()}`], app.config.rateLimits.verify);
			const file = form.get('file');
			const bytes = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : undefined;
			try {
				const { row, created } = await importCredential(app, actor, { credential: input.credential, url: input.url, file: bytes });
				return { imported: { name: row.achievementName, created, valid: row.valid, checks: checksOf(row.verification) } };
			} catch (error) {
				// A refused badge is shown with the checks that refused it, not only a message.
				if (error instanceof AppError && error.code === 'invalid_credential') {
					return fail(422, { refused: { checks: checksOf(error.details as VerificationReport) }, errors: {} as Record<string, string>, values: { url: input.url ?? '', credential: input.credential ?? '' } });
				}
				throw error;
			}
		});
	},
	remove: async (event) => {
		const actor = requireSignedIn(event.locals.actor, event.url);
		return handleForm(event.request, z.object({ id: z.uuid() }), {}, async ({ id }) => {
			await removeImportedCredential(event.locals.app, actor, id);
			return { removed: true as const };
		});
	}
};
