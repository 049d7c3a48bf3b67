import { hkdfSync } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { Ed25519KeyPair } from '@digitalbazaar/ed25519-multikey';
import { didDocument } from '../credentials/did';

/**
 * The platform itself signs what no single organisation vouches for: a learner's comprehensive record
 * (CLR), which gathers credentials of many issuers. It is `did:web:<host>`, served at
 * `/.well-known/did.json`. Its key is derived from the credential secret (HKDF), so that every
 * instance on the same secret signs with the same key and nothing more has to be stored or backed up.
 */
export const PLATFORM_KEY_FRAGMENT = 'platform-1';

export function platformDid(publicUrl: string): string {
	return `did:web:${encodeURIComponent(new URL(publicUrl).host)}`;
}

const keyPairs = new Map<string, Promise<Ed25519KeyPair>>();

export function platformKeyPair(credentialSecret: Buffer, publicUrl: string): Promise<Ed25519KeyPair> {
	const did = platformDid(publicUrl);
	const cacheKey = `${did}|${credentialSecret.toString('base64')}`;
	let pair = keyPairs.get(cacheKey);
	if (!pair) {
		// The info string names the purpose (and a version, should the derivation ever change).
		const seed = new Uint8Array(hkdfSync('sha256', credentialSecret, 'cities-of-learning', 'platform signing key v1', 32));
		pair = Ed25519Multikey.generate({ id: `${did}#${PLATFORM_KEY_FRAGMENT}`, controller: did, seed });
		keyPairs.set(cacheKey, pair);
	}
	return pair;
}

export async function platformDidDocument(credentialSecret: Buffer, publicUrl: string) {
	const keyPair = await platformKeyPair(credentialSecret, publicUrl);
	return didDocument(platformDid(publicUrl), [{ fragment: PLATFORM_KEY_FRAGMENT, publicKeyMultibase: keyPair.publicKeyMultibase }]);
}
