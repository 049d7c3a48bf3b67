import { endpoint } from '$lib/server/http/endpoint';
import { GuardianConsentDto, GuardianConsentInput } from '$lib/server/learners/guardian-schemas';
import { myGuardianConsent, requestGuardianConsent } from '$lib/server/learners/guardian';

export const GET = endpoint(
	{ summary: 'My guardian’s consent', description: 'Whether a guardian has consented, was asked, or never was. Cities may require it below an age to join activities.', tags: ['Learners'], access: 'user', response: GuardianConsentDto },
	async ({ app, actor }) => myGuardianConsent(app, actor)
);

export const POST = endpoint(
	{
		summary: 'Ask a guardian for consent',
		description: 'Mails the guardian a link (valid 14 days) to give consent. Asking again replaces the earlier request, and a consent given before, with a new link. Five requests an hour.',
		tags: ['Learners'],
		access: 'user',
		body: GuardianConsentInput,
		response: GuardianConsentDto,
		status: 202,
		errors: ['rate_limited']
	},
	async ({ app, actor, body }) => requestGuardianConsent(app, actor, body)
);
