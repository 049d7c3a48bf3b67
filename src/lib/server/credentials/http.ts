import type { AppContext } from '../app/context';
import { jsonError } from '../http/endpoint';
import { notFound } from '../http/errors';
import { isUuid } from '../http/validation';
import { findCredential } from './service';

/**
 * The signed credential as issued, for machines: wallets and verifiers (content negotiation on
 * `/credentials/{id}`) and the `.json` download.
 */
export async function credentialResponse(app: Pick<AppContext, 'db'>, id: string | undefined, options: { download?: boolean } = {}): Promise<Response> {
	const credential = isUuid(id) ? await findCredential(app, id) : undefined;
	if (!credential) return jsonError(notFound('Credential'));
	return new Response(JSON.stringify(credential.document, null, 2), {
		headers: {
			'content-type': 'application/vc+ld+json',
			'access-control-allow-origin': '*',
			'cache-control': 'no-cache',
			...(options.download ? { 'content-disposition': `attachment; filename="credential-${credential.id}.json"` } : {})
		}
	});
}
