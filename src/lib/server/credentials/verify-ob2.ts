import { AppError } from '../http/errors';
import { fetchPublic } from '../http/public-fetch';
import { checkDates, checkRecipient, type Check, type VerificationReport } from './verify';

/**
 * Open Badges 2.0 hosted verification, for assertions other platforms publish: the assertion is
 * fetched at its own id, its badge class and issuer are fetched, and the assertion must live on the
 * issuer's origin (or one it allows). An issuer revokes a hosted assertion by answering 410 or
 * `revoked: true`. Signed (JWS) 2.0 assertions are reported as not checked.
 */
type Json = Record<string, unknown>;
const LIMITS = { maxBytes: 1024 * 1024, timeoutMs: 5000, accept: 'application/ld+json, application/json' };
const asObject = (value: unknown): Json | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);
const types = (value: unknown) => (Array.isArray(value) ? value : [value]).map(String);

export type JsonFetcher = (url: string) => Promise<{ document?: Json; status?: number; problem?: string }>;

/** Fetches with the link guards (public addresses, 1 MB, 5 s); tests pass their own fetcher. */
const fetchJson: JsonFetcher = async (url) => {
	try {
		const fetched = await fetchPublic(url, LIMITS);
		return { document: asObject(JSON.parse(fetched.body.toString('utf8'))) };
	} catch (error) {
		if (error instanceof SyntaxError) return { problem: `${url} is not JSON.` };
		if (!(error instanceof AppError)) throw error;
		return { status: (error.details as { status?: number } | undefined)?.status, problem: error.message };
	}
};

export async function verifyHostedAssertion(url: string, now: Date, fetcher: JsonFetcher = fetchJson, email?: string): Promise<VerificationReport> {
	// A linked document (a URL to fetch) or one embedded in place.
	const linked = async (value: unknown) => (typeof value === 'string' ? (await fetcher(value)).document : asObject(value));
	const report: VerificationReport = { valid: false, checks: [], issuer: null, achievement: null, validFrom: null, validUntil: null };
	const fetched = await fetcher(url);
	if (fetched.status === 410) {
		report.checks.push({ check: 'format', ok: true, message: 'An Open Badges 2.0 assertion.' }, { check: 'revocation', ok: false, message: 'The issuer has revoked it (410 Gone).' });
		return report;
	}
	const assertion = fetched.document;
	if (!assertion || !types(assertion.type).includes('Assertion')) {
		report.checks.push({ check: 'format', ok: false, message: fetched.problem ?? 'This is not an Open Badges 2.0 assertion.' });
		return report;
	}
	report.checks.push({ check: 'format', ok: true, message: 'An Open Badges 2.0 assertion.' });
	const badge = await linked(assertion.badge);
	const issuer = badge ? await linked(badge.issuer) : undefined;
	report.achievement = { name: typeof badge?.name === 'string' ? badge.name : null };
	report.issuer = issuer && typeof issuer.id === 'string' ? { id: issuer.id, name: typeof issuer.name === 'string' ? issuer.name : null, local: false } : null;
	report.validFrom = typeof assertion.issuedOn === 'string' ? assertion.issuedOn : null;
	report.validUntil = typeof assertion.expires === 'string' ? assertion.expires : null;

	report.checks.push(hostedCheck(url, assertion, badge, issuer));
	report.checks.push(checkDates(report.validFrom, report.validUntil, now));
	report.checks.push(
		assertion.revoked === true
			? { check: 'revocation', ok: false, message: `Revoked by the issuer${typeof assertion.revocationReason === 'string' ? `: ${assertion.revocationReason}` : ''}.` }
			: { check: 'revocation', ok: true, message: 'Not revoked: the issuer still publishes it.' }
	);
	if (email) report.checks.push(checkRecipient([asObject(assertion.recipient) ?? {}], email));
	// A badge naming no e-mail is not refused for it; one naming another is.
	report.valid = report.checks.every((check) => (check.check === 'recipient' ? check.ok !== false : check.ok === true));
	return report;
}

function hostedCheck(url: string, assertion: Json, badge: Json | undefined, issuer: Json | undefined): Check {
	const verification = asObject(assertion.verification);
	const kind = String(verification?.type ?? '');
	if (kind === 'signed' || kind === 'SignedBadge') return { check: 'signature', ok: null, message: 'Signed (JWS) Open Badges 2.0 assertions are not checked here yet.' };
	if (kind !== 'hosted' && kind !== 'HostedBadge') return { check: 'signature', ok: false, message: 'The assertion names no verification method.' };
	if (!badge || !types(badge.type).includes('BadgeClass')) return { check: 'signature', ok: false, message: 'Its badge class could not be read.' };
	if (!issuer || typeof issuer.id !== 'string') return { check: 'signature', ok: false, message: 'Its issuer profile could not be read.' };
	if (assertion.id !== url) return { check: 'signature', ok: false, message: 'The assertion is not published at its own id.' };
	const allowed = Array.isArray(verification?.allowedOrigins) ? verification.allowedOrigins.map(String) : [new URL(issuer.id).host];
	const host = new URL(url).host;
	if (!allowed.includes(host)) return { check: 'signature', ok: false, message: `The assertion is published at ${host}, not by its issuer (${allowed.join(', ')}).` };
	return { check: 'signature', ok: true, message: `Hosted verification: the issuer publishes this assertion at ${host}.` };
}
