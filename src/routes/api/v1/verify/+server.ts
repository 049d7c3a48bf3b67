import { z } from 'zod';
import { endpoint } from '$lib/server/http/endpoint';
import { decodeVerifyInput, MAX_BADGE_FILE_BYTES, verifyDecoded } from '$lib/server/credentials/verify-input';
import { VerificationDto } from '$lib/server/credentials/presenters';
import { validationFailed } from '$lib/server/http/errors';
import { enforceRateLimit } from '$lib/server/ratelimit/rate-limiter';

const base64 = z.string().max(Math.ceil((MAX_BADGE_FILE_BYTES * 4) / 3) + 64);

export const POST = endpoint(
	{
		summary: 'Verify an Open Badges 3.0 credential',
		description:
			'Anyone. Give one of: `credential` (the JSON, as an object or text; a VC-JWT; or its URL), `url` (where the credential is: JSON or a baked image), or `image` (a baked PNG or SVG badge, or a JSON/JWT file, base64, up to 5 MB). Only http(s) URLs on public addresses are fetched (5 s, 5 MB); this platform’s own credentials are read directly. Rate-limited per address (RATE_LIMIT_VERIFY). Answers each check in plain words: format, signature, dates and revocation. Issuers on this platform resolve from its database, `did:key` issuers from the identifier, other `did:web` issuers over https (public addresses only); a signature whose keys cannot be resolved is reported as not checkable (`ok: null`).',
		tags: ['Badges'],
		access: 'public',
		body: z
			.object({
				credential: z.union([z.record(z.string(), z.unknown()), z.string().max(1_000_000)]).optional(),
				url: z.string().max(2000).optional(),
				image: base64.optional(),
				email: z.email().max(320).optional().describe('Also check that the badge was awarded to this address (the `recipient` check)')
			})
			.refine((body) => body.credential !== undefined || body.url !== undefined || body.image !== undefined, { message: 'Give a credential, a url or an image.' }),
		response: VerificationDto,
		bodyLimit: 8 * 1024 * 1024
	},
	async ({ app, body, event }) => {
		await enforceRateLimit(app.db, [`verify:ip:${event.getClientAddress()}`], app.config.rateLimits.verify);
		let file: Buffer | undefined;
		if (body.image !== undefined) {
			const data = body.image.replace(/^data:[\w/+.-]+;base64,/, '');
			if (!/^[A-Za-z0-9+/=\s]*$/.test(data)) throw validationFailed([{ path: 'image', code: 'invalid_format', message: 'The image is not base64.' }]);
			file = Buffer.from(data, 'base64');
		}
		const decoded = await decodeVerifyInput(app, { credential: body.credential, url: body.url, file });
		return verifyDecoded(app, decoded, body.email);
	}
);
