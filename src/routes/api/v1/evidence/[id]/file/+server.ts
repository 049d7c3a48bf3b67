import type { RequestHandler } from './$types';
import { jsonError, uuidParam } from '$lib/server/http/endpoint';
import { AppError, notFound } from '$lib/server/http/errors';
import { findEvidence } from '$lib/server/credentials/evidence';
import { evidenceFileKey } from '$lib/server/credentials/evidence-files';

/**
 * An evidence file, only for the learner who handed it in and the organisation's members. Always a
 * download, sandboxed: a file is never run as a page of this site.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		const evidence = await findEvidence(locals.app, locals.actor, uuidParam(params.id, 'Evidence'));
		if (!evidence.fileKey) throw notFound('Evidence file');
		const bytes = await locals.app.files.get(evidenceFileKey(evidence.fileKey));
		if (!bytes) throw notFound('Evidence file');
		return new Response(new Uint8Array(bytes), {
			headers: {
				'content-type': evidence.fileType ?? 'application/octet-stream',
				'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(evidence.fileName ?? 'evidence')}`,
				'content-security-policy': "default-src 'none'; sandbox",
				'x-content-type-options': 'nosniff',
				'cache-control': 'private, no-store'
			}
		});
	} catch (error) {
		if (error instanceof AppError) return jsonError(error);
		throw error;
	}
};
