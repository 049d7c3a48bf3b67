import { z } from 'zod';
import { endpoint } from '$lib/server/http/endpoint';
import { GuardianConsentRequestDto } from '$lib/server/learners/guardian-schemas';
import { confirmGuardianConsent, findConsentRequest } from '$lib/server/learners/guardian';

export const GET = endpoint(
	{ summary: 'What a guardian is asked', description: 'For the link mailed to a guardian: whose consent, and whether it was given. A replaced link, or one that expired unanswered, is 404.', tags: ['Learners'], access: 'public', response: GuardianConsentRequestDto },
	async ({ app, params }) => findConsentRequest(app, params.token!)
);

export const POST = endpoint(
	{ summary: 'Give consent as a guardian', description: 'The link works once: given consent, or a replaced or expired link, is 404.', tags: ['Learners'], access: 'public', response: z.object({ learnerName: z.string() }) },
	async ({ app, params }) => confirmGuardianConsent(app, params.token!)
);
