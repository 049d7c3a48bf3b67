import type { FrameworkCatalog } from '../frameworks/catalog';
import type { CredentialRow } from '../credentials/service';
import { credentialUrl } from '../credentials/did';
import { presentWalletCard } from '../wallet/cards';
import type { publicProfiles } from './schema';
import { profileUrl } from './service';
import type { PublicProfileDto } from './schemas';

/** What a visitor sees: the chosen name and headline, and each credential with the link that verifies it. */
export function presentPublicProfile(
	found: { profile: typeof publicProfiles.$inferSelect; credentials: CredentialRow[] },
	catalog: FrameworkCatalog,
	publicUrl: string,
	now: Date
): PublicProfileDto {
	return {
		id: found.profile.id,
		url: profileUrl(publicUrl, found.profile.id),
		displayName: found.profile.displayName,
		headline: found.profile.headline,
		credentials: found.credentials.map((row) => {
			const card = presentWalletCard(row, catalog, now);
			return {
				id: card.id,
				name: card.name,
				issuer: { name: card.issuer },
				issuedAt: card.issuedAt,
				validUntil: card.validUntil,
				// Revoked credentials never reach a public profile.
				status: card.status === 'expired' ? 'expired' : 'valid',
				skills: card.skills,
				url: credentialUrl(publicUrl, row.id),
				image: `${publicUrl}/credentials/${row.id}.png`
			};
		})
	};
}
