import { z } from 'zod';
import { endpoint } from '$lib/server/http/endpoint';
import { verifyOpenBadge } from '$lib/server/credentials/verify';
import { VerificationDto } from '$lib/server/credentials/presenters';
import { validationFailed } from '$lib/server/http/errors';

export const POST = endpoint(
	{
		summary: 'Verify an Open Badges 3.0 credential',
		description:
			'Anyone. Give the credential as JSON (`credential`, an object or its JSON text). Answers each check in plain words: format, signature, dates and revocation. Issuers on this platform are resolved here; the signature of another platform’s credential is reported as not checkable (`ok: null`).',
		tags: ['Badges'],
		access: 'public',
		body: z.object({ credential: z.union([z.record(z.string(), z.unknown()), z.string().max(1_000_000)]) }),
		response: VerificationDto,
		bodyLimit: 1024 * 1024
	},
	async ({ app, body }) => {
		let credential: unknown = body.credential;
		if (typeof credential === 'string') {
			try {
				credential = JSON.parse(credential);
			} catch {
				throw validationFailed([{ path: 'credential', code: 'invalid_json', message: 'The credential is not valid JSON.' }]);
			}
		}
		return verifyOpenBadge(app.db, app.config.publicUrl, credential, app.now());
	}
);
