import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isUuid } from '$lib/server/http/validation';
import { findCredential } from '$lib/server/credentials/service';
import { credentialUrl } from '$lib/server/credentials/did';
import { credentialQrSvg } from '$lib/server/credentials/view';

/**
 * A QR code that opens the credential's page, as an image: to show on a phone (the wallet keeps it
 * for offline use) or to put on a poster. It only encodes the public link, so anyone may fetch it.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!isUuid(params.id) || !(await findCredential(locals.app, params.id))) error(404, 'Credential not found');
	const svg = await credentialQrSvg(credentialUrl(locals.app.config.publicUrl, params.id));
	return new Response(svg, { headers: { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'public, max-age=86400' } });
};
