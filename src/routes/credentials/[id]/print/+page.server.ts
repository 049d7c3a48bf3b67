import type { PageServerLoad } from './$types';
import { credentialQrSvg, loadCredentialView } from '$lib/server/credentials/view';

/** A one-page printout of a credential (print it, or save it as PDF) with a QR code to verify it. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const { row: _row, ...view } = await loadCredentialView(locals, params.id);
	return { ...view, qr: await credentialQrSvg(view.credential.url) };
};
