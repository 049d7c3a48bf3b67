import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import { users } from '../accounts/schema';
import { isUuid } from '../http/validation';
import { credentialUrl } from './did';
import { findCredential, type CredentialRow } from './service';
import { verifyOpenBadge } from './verify';

type Achievement = {
	name?: string;
	description?: string;
	criteria?: { narrative?: string };
	image?: { caption?: string };
	alignment?: { targetName: string; targetUrl: string; targetFramework?: string }[];
	endorsement?: { id?: string; issuer?: { name?: string }; credentialSubject?: { endorsementComment?: string } }[];
};

/**
 * What the public pages of a credential show: what it says, who issued it and to whom, and each
 * verification check. Shared by the credential page and its printable version.
 */
export async function loadCredentialView(locals: App.Locals, id: string) {
	if (!isUuid(id)) error(404, 'Credential not found');
	const credential = await findCredential(locals.app, id);
	if (!credential) error(404, 'Credential not found');
	const report = await verifyOpenBadge(locals.app.db, locals.app.config.publicUrl, credential.document, locals.app.now());
	const [learner] = credential.userId ? await locals.app.db.select({ name: users.name }).from(users).where(eq(users.id, credential.userId)) : [];
	const subject = credential.document.credentialSubject as { achievement: Achievement };
	const issuer = credential.document.issuer as { id: string; name: string; url?: string };
	const evidence = (credential.document.evidence as { narrative?: string }[] | undefined)?.[0]?.narrative ?? null;
	const url = credentialUrl(locals.app.config.publicUrl, credential.id);
	return {
		row: credential,
		credential: {
			id: credential.id,
			url,
			name: subject.achievement.name ?? '',
			// A caption that only repeats the name beside the image would be read twice: left out then.
			imageAlt: subject.achievement.image?.caption && subject.achievement.image.caption !== subject.achievement.name ? subject.achievement.image.caption : '',
			description: subject.achievement.description ?? '',
			criteria: subject.achievement.criteria?.narrative ?? '',
			skills: (subject.achievement.alignment ?? []).map((a) => ({ name: a.targetName, url: a.targetUrl, framework: a.targetFramework ?? '' })),
			issuer: { did: issuer.id, name: issuer.name, url: issuer.url ?? null },
			recipient: learner?.name ?? null,
			issuedAt: credential.issuedAt.toISOString(),
			validUntil: credential.validUntil?.toISOString() ?? null,
			revokedAt: credential.revokedAt?.toISOString() ?? null,
			revocationReason: credential.revocationReason,
			evidence,
			endorsements: (subject.achievement.endorsement ?? []).map((e) => ({ id: e.id ?? '', endorser: e.issuer?.name ?? '', comment: e.credentialSubject?.endorsementComment ?? '' })),
			mine: locals.actor.kind === 'user' && locals.actor.user.id === credential.userId
		},
		checks: report.checks.map((c) => ({ check: c.check, ok: c.ok })),
		valid: report.valid
	};
}

/**
 * LinkedIn's "add a licence or certification" form, filled in: name, issuer, dates, and the
 * credential's link as the credential URL, so that anyone reading the profile can verify it.
 */
export function linkedInUrl(credential: CredentialRow, name: string, issuerName: string, url: string): string {
	const params = new URLSearchParams({
		startTask: 'CERTIFICATION_NAME',
		name,
		organizationName: issuerName,
		issueYear: String(credential.issuedAt.getUTCFullYear()),
		issueMonth: String(credential.issuedAt.getUTCMonth() + 1),
		certUrl: url,
		certId: credential.id
	});
	if (credential.validUntil) {
		params.set('expirationYear', String(credential.validUntil.getUTCFullYear()));
		params.set('expirationMonth', String(credential.validUntil.getUTCMonth() + 1));
	}
	return `https://www.linkedin.com/profile/add?${params.toString()}`;
}

/** A QR code (SVG markup made here, from our own URL) that opens the credential's page. */
export function credentialQrSvg(url: string): Promise<string> {
	return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}
