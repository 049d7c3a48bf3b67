import { z } from 'zod';
import { endpoint } from '$lib/server/http/endpoint';
import { requireUser } from '$lib/server/policies/policies';
import { signedClr } from '$lib/server/records/clr';
import { siteName } from '$lib/server/records/http';

export const GET = endpoint(
	{
		summary: 'My comprehensive learner record (CLR 2.0)',
		description:
			'Every standing credential of the signed-in learner, each as its issuer signed it, in one 1EdTech CLR 2.0 `ClrCredential` issued by the platform (`did:web` of this host, DID document at `/.well-known/did.json`). `jwt` is the same record signed as a VC-JWT (EdDSA); playlist badges are linked to the activity badges they rest on as `isPartOf` associations.',
		tags: ['Wallet'],
		access: 'user',
		response: z.object({ credential: z.record(z.string(), z.unknown()), jwt: z.string() })
	},
	async ({ app, actor }) => signedClr(app, requireUser(actor).user.id, siteName())
);
