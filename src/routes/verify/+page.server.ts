import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { handleForm } from '$lib/server/forms/forms';
import type { VerificationReport } from '$lib/server/credentials/verify';
import { decodeVerifyInput, verifyDecoded } from '$lib/server/credentials/verify-input';
import { AppError } from '$lib/server/http/errors';
import { failureFor } from '$lib/server/forms/forms';
import { enforceRateLimit } from '$lib/server/ratelimit/rate-limiter';

const VerifyForm = z.object({ credential: z.string().max(1_000_000).optional(), email: z.email().max(320).optional() });

/** What the page shows of a report: the checks, and what the credential says about itself. */
const presentReport = (report: VerificationReport) => ({
	valid: report.valid,
	checks: report.checks.map((c) => ({ check: c.check, ok: c.ok })),
	issuer: report.issuer,
	achievement: report.achievement?.name ?? null,
	validFrom: report.validFrom,
	validUntil: report.validUntil
});

/**
 * A link to `/verify?url=...` (a QR code, a CV) verifies at once; otherwise the page offers the form.
 */
export const load: PageServerLoad = async ({ locals, url, getClientAddress }) => {
	const link = url.searchParams.get('url');
	if (!link) return { link: null, report: null, failure: null };
	try {
		await enforceRateLimit(locals.app.db, [`verify:ip:${getClientAddress()}`], locals.app.config.rateLimits.verify);
		const decoded = await decodeVerifyInput(locals.app, { url: link });
		return { link, report: presentReport(await verifyDecoded(locals.app, decoded)), failure: null };
	} catch (error) {
		if (!(error instanceof AppError)) throw error;
		return { link, report: null, failure: failureFor(error).data };
	}
};

export const actions: Actions = {
	/** Pasted JSON or a link, or an uploaded badge image or JSON file. */
	default: async ({ locals, request, getClientAddress }) =>
		handleForm(request, VerifyForm, {}, async (input, form) => {
			await enforceRateLimit(locals.app.db, [`verify:ip:${getClientAddress()}`], locals.app.config.rateLimits.verify);
			const file = form.get('file');
			const bytes = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : undefined;
			const decoded = await decodeVerifyInput(locals.app, { credential: input.credential, file: bytes }).catch((error: unknown) => {
				// A link typed in the box fails on the box, not on a field the page does not have.
				if (error instanceof AppError && Array.isArray(error.details)) {
					for (const issue of error.details as { path: string }[]) if (issue.path === 'url') issue.path = 'credential';
				}
				throw error;
			});
			return { report: presentReport(await verifyDecoded(locals.app, decoded, input.email)) };
		})
};
