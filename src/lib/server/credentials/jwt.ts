import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import type { Ed25519KeyPair } from '@digitalbazaar/ed25519-multikey';
import type { Db } from '../db/database';
import { resolveDid } from './did-resolver';
import type { Check } from './verify';

/**
 * The VC-JWT form of a credential (Open Badges 3.0, "JSON Web Token Proof Format"): the credential
 * without its Data Integrity proof in the `vc` claim, signed with the same organisation key (EdDSA),
 * `kid` naming the key in the issuer's DID document. Both forms verify on their own.
 */
type Json = Record<string, unknown>;
const seconds = (iso: unknown) => (typeof iso === 'string' && !Number.isNaN(Date.parse(iso)) ? Math.floor(Date.parse(iso) / 1000) : undefined);

export async function credentialJwt(document: Json, keyPair: Ed25519KeyPair): Promise<string> {
	const { proof: _proof, ...credential } = document;
	const jwk = (await Ed25519Multikey.toJwk({ keyPair, secretKey: true })) as JWK;
	// The library's secret is seed and public key (64 bytes); a JWK's `d` is the 32-byte seed alone.
	const seed = Buffer.from(jwk.d!, 'base64url').subarray(0, 32).toString('base64url');
	const key = await importJWK({ ...jwk, d: seed }, 'EdDSA');
	const issuer = typeof credential.issuer === 'string' ? credential.issuer : String((credential.issuer as Json).id);
	const subjectId = (credential.credentialSubject as Json | undefined)?.id;
	const claims = new SignJWT({ vc: credential })
		.setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: keyPair.id })
		.setIssuer(issuer)
		.setJti(String(credential.id));
	if (typeof subjectId === 'string') claims.setSubject(subjectId);
	const from = seconds(credential.validFrom);
	if (from !== undefined) claims.setNotBefore(from).setIssuedAt(from);
	const until = seconds(credential.validUntil);
	if (until !== undefined) claims.setExpirationTime(until);
	return claims.sign(key);
}

export const looksLikeJwt = (text: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(text);

/** The credential inside a VC-JWT, unverified (for the report's other checks). */
export function credentialInJwt(token: string): Json | undefined {
	try {
		const vc = decodeJwt(token).vc;
		return vc && typeof vc === 'object' && !Array.isArray(vc) ? (vc as Json) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Checks a VC-JWT's signature with the key its header names, for issuers on this platform (resolved
 * from the database); the claims must agree with the credential they carry. Dates are the dates
 * check's to report, so expiry does not fail the signature.
 */
export async function checkJwtSignature(db: Db, publicUrl: string, token: string): Promise<Check> {
	let kid: string | undefined;
	try {
		const header = decodeProtectedHeader(token);
		if (header.alg !== 'EdDSA') return { check: 'signature', ok: false, message: `Unsupported JWT algorithm ${String(header.alg)}.` };
		kid = header.kid;
	} catch {
		return { check: 'signature', ok: false, message: 'The JWT is malformed.' };
	}
	const did = kid?.split('#')[0] ?? '';
	const document = await resolveDid(db, publicUrl, did);
	if (!document) return { check: 'signature', ok: null, message: 'The issuer’s keys could not be resolved here, so the signature could not be checked.' };
	const method = document.verificationMethod.find((m) => m.id === kid);
	if (!method) return { check: 'signature', ok: false, message: 'The key named in the JWT is not in its issuer’s DID document.' };
	try {
		const keyPair = await Ed25519Multikey.from(method as unknown as Record<string, unknown>);
		const key = await importJWK((await Ed25519Multikey.toJwk({ keyPair })) as JWK, 'EdDSA');
		const { payload } = await jwtVerify(token, key, { issuer: did, clockTolerance: Number.MAX_SAFE_INTEGER });
		const vc = payload.vc as Json | undefined;
		const vcIssuer = typeof vc?.issuer === 'string' ? vc.issuer : (vc?.issuer as Json | undefined)?.id;
		if (vcIssuer !== did || payload.jti !== vc?.id) return { check: 'signature', ok: false, message: 'The JWT’s claims do not match the credential it carries.' };
		return { check: 'signature', ok: true, message: 'The JWT signature is valid: the credential is unchanged since the issuer signed it.' };
	} catch {
		return { check: 'signature', ok: false, message: 'The JWT signature does not match: the credential was changed after signing, or was not signed by its issuer.' };
	}
}
