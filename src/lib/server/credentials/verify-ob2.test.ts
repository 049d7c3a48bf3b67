import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyHostedAssertion, type JsonFetcher } from './verify-ob2';

const now = new Date('2027-01-01T00:00:00Z');
const assertionUrl = 'https://badges.example.org/assertions/1';
const documents: Record<string, Record<string, unknown>> = {
	[assertionUrl]: {
		'@context': 'https://w3id.org/openbadges/v2',
		type: 'Assertion',
		id: assertionUrl,
		recipient: { type: 'email', hashed: true, salt: 'pepper', identity: `sha256$${createHash('sha256').update('ana@example.org' + 'pepper').digest('hex')}` },
		badge: 'https://badges.example.org/badges/7',
		verification: { type: 'hosted' },
		issuedOn: '2026-05-01T10:00:00Z'
	},
	'https://badges.example.org/badges/7': { type: 'BadgeClass', id: 'https://badges.example.org/badges/7', name: 'Drone pilot', issuer: 'https://badges.example.org/issuer' },
	'https://badges.example.org/issuer': { type: 'Issuer', id: 'https://badges.example.org/issuer', name: 'Elsewhere Academy' }
};
const serving =
	(overrides: Record<string, Record<string, unknown> | number> = {}): JsonFetcher =>
	async (url) => {
		const answer = overrides[url] ?? documents[url];
		if (typeof answer === 'number') return { status: answer, problem: `answered ${answer}` };
		return answer ? { document: answer } : { status: 404, problem: 'answered 404' };
	};
const outcome = (checks: { check: string; ok: boolean | null }[]) => Object.fromEntries(checks.map((c) => [c.check, c.ok]));

describe('Open Badges 2.0 hosted verification', () => {
	it('passes an assertion its issuer publishes at its own id, and reads what it says', async () => {
		const report = await verifyHostedAssertion(assertionUrl, now, serving());
		expect(outcome(report.checks)).toEqual({ format: true, signature: true, dates: true, revocation: true });
		expect(report).toMatchObject({ valid: true, issuer: { name: 'Elsewhere Academy', local: false }, achievement: { name: 'Drone pilot' }, validFrom: '2026-05-01T10:00:00Z' });
	});

	it('fails one published on another origin, a revoked one, an expired one, and says so', async () => {
		const elsewhere = { ...documents[assertionUrl], id: 'https://copies.example.net/a/1' };
		expect(outcome((await verifyHostedAssertion('https://copies.example.net/a/1', now, serving({ 'https://copies.example.net/a/1': elsewhere }))).checks).signature).toBe(false);
		const revoked = await verifyHostedAssertion(assertionUrl, now, serving({ [assertionUrl]: { ...documents[assertionUrl], revoked: true, revocationReason: 'Issued in error' } }));
		expect(revoked.checks.find((c) => c.check === 'revocation')).toMatchObject({ ok: false, message: 'Revoked by the issuer: Issued in error.' });
		const gone = await verifyHostedAssertion(assertionUrl, now, serving({ [assertionUrl]: 410 }));
		expect(outcome(gone.checks)).toEqual({ format: true, revocation: false });
		const expired = await verifyHostedAssertion(assertionUrl, now, serving({ [assertionUrl]: { ...documents[assertionUrl], expires: '2026-12-31T00:00:00Z' } }));
		expect(outcome(expired.checks).dates).toBe(false);
		expect(expired.valid).toBe(false);
	});

	it('reports signed assertions as not checked, and what is not an assertion as such', async () => {
		const signed = await verifyHostedAssertion(assertionUrl, now, serving({ [assertionUrl]: { ...documents[assertionUrl], verification: { type: 'signed' } } }));
		expect(outcome(signed.checks).signature).toBeNull();
		expect(signed.valid).toBe(false);
		const other = await verifyHostedAssertion(assertionUrl, now, serving({ [assertionUrl]: { type: 'Person' } }));
		expect(outcome(other.checks)).toEqual({ format: false });
	});

	it('checks the recipient when an e-mail is given', async () => {
		const theirs = await verifyHostedAssertion(assertionUrl, now, serving(), 'Ana@Example.org');
		expect(theirs.checks.find((c) => c.check === 'recipient')?.ok).toBe(true);
		expect(theirs.valid).toBe(true);
		const someoneElse = await verifyHostedAssertion(assertionUrl, now, serving(), 'ben@example.org');
		expect(someoneElse.checks.find((c) => c.check === 'recipient')?.ok).toBe(false);
		expect(someoneElse.valid).toBe(false);
	});
});

