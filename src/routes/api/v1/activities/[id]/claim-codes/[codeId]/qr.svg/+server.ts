import QRCode from 'qrcode';
import type { RequestHandler } from './$types';
import { jsonError, uuidParam } from '$lib/server/http/endpoint';
import { AppError } from '$lib/server/http/errors';
import { findClaimCode } from '$lib/server/credentials/claims';
import { presentClaimCode } from '$lib/server/credentials/claim-schemas';

/** The QR code of a claim code's page, for printing or showing on a screen at the event. */
export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		const code = await findClaimCode(locals.app, locals.actor, uuidParam(params.id, 'Activity'), uuidParam(params.codeId, 'Claim code'));
		const { url } = presentClaimCode(code, locals.app.config.publicUrl, locals.app.now());
		const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
		return new Response(svg, { headers: { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'private, max-age=3600', 'x-content-type-options': 'nosniff' } });
	} catch (error) {
		if (error instanceof AppError) return jsonError(error);
		throw error;
	}
};
