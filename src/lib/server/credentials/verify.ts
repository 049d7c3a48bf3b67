import { createHash } from 'node:crypto';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { credentials } from './schema';
import { documentLoader, UnresolvableError } from './loader';
import { organisationIdOfDid } from './did';
import { resolveDid } from './did-resolver';

export type CheckName = 'format' | 'signature' | 'dates' | 'revocation' | 'recipient';
export interface Check {
	check: CheckName;
	/** true: passed; false: failed; null: could not be checked. */
	ok: boolean | null;
	message: string;
}

export interface VerificationReport {
	valid: boolean;
	checks: Check[];
	issuer: { id: string; name: string | null; local: boolean } | null;
	achievement: { name: string | null } | null;
	validFrom: string | null;
	validUntil: string | null;
}

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/**
 * Checks an Open Badges 3.0 credential: its shape, its Data Integrity signature, its dates and, for
 * credentials issued here, its revocation status. Issuers resolve from the database (this platform),
 * from the identifier (did:key) or over https with the link guards (other did:web issuers).
 */
export async function verifyOpenBadge(db: Db, publicUrl: string, input: unknown, now: Date, options: { signature?: () => Promise<Check> } = {}): Promise<VerificationReport> {
	const credential = asObject(input);
	const types = asArray(credential?.type);
	const subject = asObject(credential?.credentialSubject);
	const issuerValue = credential?.issuer;
	const issuerId = typeof issuerValue === 'string' ? issuerValue : (asObject(issuerValue)?.id as string | undefined);
	const report: VerificationReport = {
		valid: false,
		checks: [],
		issuer: issuerId ? { id: issuerId, name: (asObject(issuerValue)?.name as string | undefined) ?? null, local: organisationIdOfDid(publicUrl, issuerId) !== undefined } : null,
		achievement: subject ? { name: (asObject(subject.achievement)?.name as string | undefined) ?? null } : null,
		validFrom: typeof credential?.validFrom === 'string' ? credential.validFrom : null,
		validUntil: typeof credential?.validUntil === 'string' ? credential.validUntil : null
	};
	const badgeTypes = ['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential'];
	if (!credential || !types.includes('VerifiableCredential') || !badgeTypes.some((type) => types.includes(type)) || !issuerId) {
		report.checks.push({ check: 'format', ok: false, message: 'This is not an Open Badges 3.0 credential (a VerifiableCredential of type OpenBadgeCredential with an issuer).' });
		return report;
	}
	report.checks.push({ check: 'format', ok: true, message: 'An Open Badges 3.0 credential.' });
	// A VC-JWT brings its own proof; the embedded credential has none of its own.
	report.checks.push(await (options.signature ? options.signature() : checkSignatureOnce(db, publicUrl, credential)));
	report.checks.push(checkDates(report.validFrom, report.validUntil, now));
	report.checks.push(await checkRevocation(db, publicUrl, credential));
	report.valid = report.checks.every((c) => c.ok !== false) && report.checks.find((c) => c.check === 'signature')?.ok === true;
	return report;
}

/**
 * Signature results by the exact text of the credential. A signature over a given document stays valid
 * or invalid (keys are never removed from a DID document here), and checking one costs ~7 ms of CPU
 * (RDF canonicalisation): a credential page viewed often checks it once. Results that depend on
 * reaching an issuer (`ok: null`) are not kept.
 */
const signatureResults = new Map<string, Check>();
const SIGNATURE_RESULTS_KEPT = 5000;

async function checkSignatureOnce(db: Db, publicUrl: string, credential: Json): Promise<Check> {
	const key = createHash('sha256').update(JSON.stringify(credential)).digest('base64url');
	const known = signatureResults.get(key);
	if (known) return known;
	const check = await checkSignature(db, publicUrl, credential);
	if (check.ok !== null) {
		if (signatureResults.size >= SIGNATURE_RESULTS_KEPT) signatureResults.delete(signatureResults.keys().next().value!);
		signatureResults.set(key, check);
	}
	return check;
}

async function checkSignature(db: Db, publicUrl: string, credential: Json): Promise<Check> {
	const loader = documentLoader((did) => resolveDid(db, publicUrl, did));
	try {
		const result = await vc.verifyCredential({
			credential,
			suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
			documentLoader: loader,
			// Status is checked apart (below); dates too, with plainer messages.
			checkStatus: async () => ({ verified: true }),
			// The library also refuses a credential outside its dates; those are the dates check's
			// to report, so the signature is checked as at the start of the credential's validity.
			now: signingTime(credential)
		});
		if (result.verified) return { check: 'signature', ok: true, message: 'The signature is valid: the credential is unchanged since the issuer signed it.' };
		const causes = [result.error, ...(result.error?.errors ?? [])].map((e) => e?.message ?? '').join(' ');
		if (/Cannot resolve|Refusing to load|has no key/.test(causes)) {
			return { check: 'signature', ok: null, message: 'The issuer’s keys could not be resolved here, so the signature could not be checked.' };
		}
		return { check: 'signature', ok: false, message: 'The signature does not match: the credential was changed after signing, or was not signed by its issuer.' };
	} catch (error) {
		if (error instanceof UnresolvableError) return { check: 'signature', ok: null, message: 'The issuer’s keys could not be resolved here.' };
		return { check: 'signature', ok: false, message: 'The signature could not be verified.' };
	}
}

function signingTime(credential: Json): Date {
	const from = typeof credential.validFrom === 'string' ? Date.parse(credential.validFrom) : NaN;
	return Number.isNaN(from) ? new Date() : new Date(from);
}

export function checkDates(validFrom: string | null, validUntil: string | null, now: Date): Check {
	if (validFrom && Date.parse(validFrom) > now.getTime()) return { check: 'dates', ok: false, message: `Not valid before ${validFrom}.` };
	if (validUntil && Date.parse(validUntil) <= now.getTime()) return { check: 'dates', ok: false, message: `Expired on ${validUntil}.` };
	return { check: 'dates', ok: true, message: validUntil ? `Valid until ${validUntil}.` : 'Valid, with no expiry date.' };
}

async function checkRevocation(db: Db, publicUrl: string, credential: Json): Promise<Check> {
	const entry = asArray(credential.credentialStatus).map(asObject).find((s) => s?.statusPurpose === 'revocation');
	if (!entry) return { check: 'revocation', ok: true, message: 'The issuer keeps no revocation list for this credential.' };
	const id = typeof credential.id === 'string' ? credential.id : '';
	const local = id.startsWith(`${publicUrl}/credentials/`) ? id.slice(`${publicUrl}/credentials/`.length) : undefined;
	if (!local || !/^[0-9a-f-]{36}$/i.test(local)) return { check: 'revocation', ok: null, message: 'The revocation list of another platform is not checked here.' };
	const [row] = await db.select({ revokedAt: credentials.revokedAt, reason: credentials.revocationReason }).from(credentials).where(eq(credentials.id, local));
	if (!row) return { check: 'revocation', ok: false, message: 'This platform has no record of issuing this credential.' };
	return row.revokedAt
		? { check: 'revocation', ok: false, message: `Revoked on ${row.revokedAt.toISOString().slice(0, 10)}${row.reason ? `: ${row.reason}` : ''}.` }
		: { check: 'revocation', ok: true, message: 'Not revoked.' };
}

/**
 * Whether a badge was awarded to this e-mail: Open Badges identities are the address itself or its
 * salted SHA-256 (`sha256$<hex>`). Addresses are compared case-insensitively, as mail systems do.
 */
export function checkRecipient(identities: { type?: unknown; identity?: unknown; hashed?: unknown; salt?: unknown }[], email: string): Check {
	const emails = identities.filter((entry) => entry.type === 'email' || entry.type === 'emailAddress');
	if (emails.length === 0) return { check: 'recipient', ok: null, message: 'The badge names no e-mail address to compare with.' };
	const candidates = [...new Set([email.trim(), email.trim().toLowerCase()])];
	const matches = emails.some((entry) => {
		const identity = String(entry.identity ?? '');
		if (!entry.hashed) return candidates.some((candidate) => candidate.toLowerCase() === identity.toLowerCase());
		const [algorithm, digest] = identity.split('$');
		if (algorithm?.toLowerCase() !== 'sha256' || !digest) return false;
		return candidates.some((candidate) => createHash('sha256').update(candidate + String(entry.salt ?? '')).digest('hex') === digest.toLowerCase());
	});
	return matches
		? { check: 'recipient', ok: true, message: 'Awarded to this e-mail address.' }
		: { check: 'recipient', ok: false, message: 'Not awarded to this e-mail address.' };
}

/** The e-mail identities of an Open Badges 3.0 credential subject, in the 2.0 shape checkRecipient reads. */
export function ob3Identities(credential: unknown): { type: unknown; identity: unknown; hashed: unknown; salt: unknown }[] {
	const subject = asObject(asObject(credential)?.credentialSubject);
	return asArray(subject?.identifier)
		.map(asObject)
		.filter((entry): entry is Json => entry !== undefined)
		.map((entry) => ({ type: entry.identityType, identity: entry.identityHash, hashed: entry.hashed, salt: entry.salt }));
}
