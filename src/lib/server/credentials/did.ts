import { isUuid } from '../http/validation';

/**
 * Each organisation issues as `did:web:<host>:organisations:<id>`: a did:web resolver fetches
 * `https://<host>/organisations/<id>/did.json`, which this platform serves. The port, if any, is
 * percent-encoded as the did:web method requires.
 */
export function organisationDid(publicUrl: string, organisationId: string): string {
	return `did:web:${encodeURIComponent(new URL(publicUrl).host)}:organisations:${organisationId}`;
}

/** The organisation id of a DID issued by this platform, or undefined for any other DID. */
export function organisationIdOfDid(publicUrl: string, did: string): string | undefined {
	const prefix = `did:web:${encodeURIComponent(new URL(publicUrl).host)}:organisations:`;
	if (!did.startsWith(prefix)) return undefined;
	const id = did.slice(prefix.length);
	return isUuid(id) ? id.toLowerCase() : undefined;
}

export function statusListUrl(publicUrl: string, organisationId: string): string {
	return `${publicUrl}/organisations/${organisationId}/status/revocation`;
}

export function credentialUrl(publicUrl: string, credentialId: string): string {
	return `${publicUrl}/credentials/${credentialId}`;
}

export interface VerificationMethod {
	id: string;
	type: 'Multikey';
	controller: string;
	publicKeyMultibase: string;
}

/** The DID document: every key the organisation ever signed with, each valid for assertions. */
export function didDocument(did: string, keys: { fragment: string; publicKeyMultibase: string }[]) {
	const methods: VerificationMethod[] = keys.map((key) => ({
		id: `${did}#${key.fragment}`,
		type: 'Multikey',
		controller: did,
		publicKeyMultibase: key.publicKeyMultibase
	}));
	return {
		// The DID context first: verifiers then read the document as plain JSON.
		'@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
		id: did,
		verificationMethod: methods,
		// Retired keys stay listed for assertions: what they signed was valid when signed.
		assertionMethod: methods.map((m) => m.id)
	};
}
