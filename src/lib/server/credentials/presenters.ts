import { z } from 'zod';
import type { CredentialRow } from './service';
import { credentialUrl } from './did';

/** Why a credential is revoked: shown to everyone who checks it. */
export const RevokeCredentialInput = z.object({ reason: z.string().trim().min(1).max(500) });

export const CredentialDto = z
	.object({
		id: z.string(),
		url: z.string().meta({ description: 'The public page; JSON-LD with `Accept: application/ld+json`, or at `<url>.json`' }),
		name: z.string(),
		issuer: z.object({ id: z.string(), name: z.string() }),
		activityId: z.string().nullable(),
		playlistId: z.string().nullable().describe('Set for a playlist’s badge'),
		issuedAt: z.string(),
		revoked: z.boolean(),
		revokedAt: z.string().nullable(),
		revocationReason: z.string().nullable(),
		credential: z.record(z.string(), z.unknown()).meta({ description: 'The signed Open Badges 3.0 OpenBadgeCredential' })
	})
	.meta({ id: 'Credential' });
export type CredentialDto = z.infer<typeof CredentialDto>;

export function presentCredential(row: CredentialRow, publicUrl: string): CredentialDto {
	const issuer = row.document.issuer as { id: string; name: string };
	return {
		id: row.id,
		url: credentialUrl(publicUrl, row.id),
		name: String(row.document.name ?? ''),
		issuer: { id: issuer.id, name: issuer.name },
		activityId: row.activityId,
		playlistId: row.playlistId,
		issuedAt: row.issuedAt.toISOString(),
		revoked: row.revokedAt !== null,
		revokedAt: row.revokedAt?.toISOString() ?? null,
		revocationReason: row.revocationReason,
		credential: row.document
	};
}

export const CheckDto = z.object({
	check: z.enum(['format', 'signature', 'dates', 'revocation', 'recipient']),
	ok: z.boolean().nullable().meta({ description: '`null` when the check could not be made' }),
	message: z.string()
});

export const VerificationDto = z
	.object({
		valid: z.boolean(),
		checks: z.array(CheckDto),
		issuer: z.object({ id: z.string(), name: z.string().nullable(), local: z.boolean() }).nullable(),
		achievement: z.object({ name: z.string().nullable() }).nullable(),
		validFrom: z.string().nullable(),
		validUntil: z.string().nullable()
	})
	.meta({ id: 'Verification' });

export const IssuedCredentialDto = CredentialDto.extend({
	recipient: z.object({
		name: z.string().nullable(),
		email: z.string().nullable().meta({ description: 'The account’s e-mail, or the address a credential waits at' }),
		hasAccount: z.boolean()
	})
}).meta({ id: 'IssuedCredential' });
export type IssuedCredentialDto = z.infer<typeof IssuedCredentialDto>;

export function presentIssuedCredential(row: { credential: CredentialRow; learner: { name: string; email: string } | null }, publicUrl: string): IssuedCredentialDto {
	return {
		...presentCredential(row.credential, publicUrl),
		recipient: { name: row.learner?.name ?? null, email: row.learner?.email ?? row.credential.recipientEmail, hasAccount: row.credential.userId !== null }
	};
}
