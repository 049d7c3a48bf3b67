import { z } from 'zod';
import { endpoint } from '$lib/server/http/endpoint';
import { enforceRateLimit } from '$lib/server/ratelimit/rate-limiter';
import { importCredential, listImportedCredentials } from '$lib/server/wallet/imports';
import { decodeBase64Image, ImportCredentialInput, ImportedCredentialDto, presentImported } from '$lib/server/wallet/presenters';

export const GET = endpoint(
	{
		summary: 'Badges I imported from elsewhere',
		description: 'The signed-in learner’s imported badges, newest first, each with the verifier’s report from when it was imported.',
		tags: ['Badges'],
		access: 'user',
		response: z.object({ items: z.array(ImportedCredentialDto) })
	},
	async ({ app, actor }) => ({ items: (await listImportedCredentials(app, actor)).map(presentImported) })
);

export const POST = endpoint(
	{
		summary: 'Import a badge earned elsewhere',
		description:
			'Give the same inputs as `POST /api/v1/verify`: `credential` (JSON, a VC-JWT, or its URL), `url`, or `image` (a baked PNG or SVG, base64). The badge is verified as the verifier does and kept with the report: 201 when new, 200 when the same credential (same id, or the same JSON) was imported before and is updated. Refused with `invalid_credential` (422, the report in `details`) when it is not an Open Badge or its signature does not match; an expired or revoked badge, or one whose issuer cannot be reached, is kept with that status. Links to private addresses are refused (`url_not_allowed`). Rate-limited like the verifier.',
		tags: ['Badges'],
		access: 'user',
		body: ImportCredentialInput,
		response: ImportedCredentialDto,
		status: 201,
		errors: ['invalid_credential', 'url_not_allowed', 'fetch_failed', 'payload_too_large'],
		bodyLimit: 8 * 1024 * 1024
	},
	async ({ app, actor, body, event }) => {
		await enforceRateLimit(app.db, [`verify:ip:${event.getClientAddress()}`], app.config.rateLimits.verify);
		const file = decodeBase64Image(body.image);
		const { row, created } = await importCredential(app, actor, { credential: body.credential, url: body.url, file });
		return new Response(JSON.stringify(presentImported(row)), { status: created ? 201 : 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
	}
);
