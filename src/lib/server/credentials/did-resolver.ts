import type { Db } from '../db/database';
import { AppError } from '../http/errors';
import { fetchPublic } from '../http/public-fetch';
import { organisationIdOfDid } from './did';
import { organisationDidDocument } from './issuer';

/**
 * Resolves the DIDs credentials are signed under, for the verifier: this platform's issuers from the
 * database, `did:key` (Ed25519) from the identifier itself, and other `did:web` issuers by fetching
 * their DID document over https, with the same guards as any link someone hands us.
 */
export interface DidDocument {
	id: string;
	verificationMethod: { id: string; type?: string; controller?: string; publicKeyMultibase?: string }[];
	[key: string]: unknown;
}

/** `did:web:example.org:issuers:1` -> `https://example.org/issuers/1/did.json` (no path: `/.well-known/did.json`). */
export function didWebUrl(did: string): string | undefined {
	if (!did.startsWith('did:web:')) return undefined;
	const [host, ...path] = did.slice('did:web:'.length).split(':');
	if (!host) return undefined;
	const origin = `https://${decodeURIComponent(host)}`;
	return path.length ? `${origin}/${path.map(decodeURIComponent).join('/')}/did.json` : `${origin}/.well-known/did.json`;
}

/** An Ed25519 `did:key`'s document: its one key is the identifier (`z6Mk...`). */
export function didKeyDocument(did: string): DidDocument | undefined {
	const key = did.slice('did:key:'.length);
	if (!did.startsWith('did:key:') || !/^z6Mk[1-9A-HJ-NP-Za-km-z]{40,50}$/.test(key)) return undefined;
	const method = { id: `${did}#${key}`, type: 'Multikey', controller: did, publicKeyMultibase: key };
	return { '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'], id: did, verificationMethod: [method], assertionMethod: [method.id] };
}

/** Other platforms' DID documents, kept a few minutes: a page of their badges resolves them once. */
const remote = new Map<string, { document: DidDocument; until: number }>();
const REMOTE_TTL_MS = 5 * 60_000;

export async function resolveDid(db: Db, publicUrl: string, did: string): Promise<DidDocument | undefined> {
	const organisationId = organisationIdOfDid(publicUrl, did);
	if (organisationId) return organisationDidDocument({ db, publicUrl }, organisationId);
	if (did.startsWith('did:key:')) return didKeyDocument(did);
	const url = didWebUrl(did);
	if (!url) return undefined;
	const cached = remote.get(did);
	if (cached && cached.until > Date.now()) return cached.document;
	try {
		const fetched = await fetchPublic(url, { maxBytes: 256 * 1024, timeoutMs: 5000, accept: 'application/did+json, application/json' });
		const document = JSON.parse(fetched.body.toString('utf8')) as DidDocument;
		// A document must speak for the DID it was fetched for.
		if (document?.id !== did || !Array.isArray(document.verificationMethod)) return undefined;
		if (remote.size > 500) remote.clear();
		remote.set(did, { document, until: Date.now() + REMOTE_TTL_MS });
		return document;
	} catch (error) {
		if (error instanceof AppError || error instanceof SyntaxError) return undefined;
		throw error;
	}
}
