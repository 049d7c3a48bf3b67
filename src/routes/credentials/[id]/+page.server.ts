import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { Actions, PageServerLoad } from './$types';
import { findCredential, revokeCredential } from '$lib/server/credentials/service';
import { RevokeCredentialInput } from '$lib/server/credentials/presenters';
import { can } from '$lib/server/policies/policies';
import { handleForm } from '$lib/server/forms/forms';
import { requireSignedIn } from '$lib/server/pages/guards';
import { verifyOpenBadge } from '$lib/server/credentials/verify';
import { users } from '$lib/server/accounts/schema';
import { isUuid } from '$lib/server/http/validation';
import { uuidParam } from '$lib/server/http/endpoint';

type Achievement = { name?: string; description?: string; criteria?: { narrative?: string }; alignment?: { targetName: string; targetUrl: string; targetFramework?: string }[] };

/** The public page of a credential: what it says, who issued it, and each verification check. */
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!isUuid(params.id)) error(404, 'Credential not found');
	const credential = await findCredential(locals.app, params.id);
	if (!credential) error(404, 'Credential not found');
	const report = await verifyOpenBadge(locals.app.db, locals.app.config.publicUrl, credential.document, locals.app.now());
	const [learner] = credential.userId ? await locals.app.db.select({ name: users.name }).from(users).where(eq(users.id, credential.userId)) : [];
	const subject = credential.document.credentialSubject as { achievement: Achievement };
	const issuer = credential.document.issuer as { id: string; name: string; url?: string };
	const evidence = (credential.document.evidence as { narrative?: string }[] | undefined)?.[0]?.narrative ?? null;
	return {
		credential: {
			id: credential.id,
			name: subject.achievement.name ?? '',
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
			mine: locals.actor.kind === 'user' && locals.actor.user.id === credential.userId
		},
		canRevoke: !credential.revokedAt && can(locals.actor, 'credential.revoke', { cityId: credential.cityId, organisationId: credential.organisationId }),
		checks: report.checks.map((c) => ({ check: c.check, ok: c.ok })),
		valid: report.valid
	};
};

export const actions: Actions = {
	/** The issuing organisation's owners and admins revoke, with a reason everyone checking will read. */
	revoke: async ({ locals, request, params, url }) => {
		const actor = requireSignedIn(locals.actor, url);
		return handleForm(request, RevokeCredentialInput, {}, async (input) => {
			await revokeCredential(locals.app, actor, uuidParam(params.id, 'Credential'), input.reason);
			return { revoked: true };
		});
	}
};
