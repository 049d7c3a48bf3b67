import { z } from 'zod';

export const PublicProfileInput = z
	.object({
		enabled: z.boolean(),
		displayName: z.string().trim().min(1).max(100).optional().meta({ description: 'Defaults to the account name' }),
		headline: z.string().trim().max(200).optional(),
		credentialIds: z.array(z.uuid()).max(200).optional().meta({ description: 'Credentials of mine to show; left out keeps the current choice' })
	})
	.meta({ id: 'PublicProfileInput' });
export type PublicProfileInput = z.infer<typeof PublicProfileInput>;

export const MyPublicProfileDto = z
	.object({
		enabled: z.boolean(),
		id: z.string().nullable().meta({ description: 'Set once the profile was first saved' }),
		url: z.string().nullable().meta({ description: 'The public page; answers 404 while the profile is off' }),
		displayName: z.string(),
		headline: z.string(),
		credentialIds: z.array(z.string())
	})
	.meta({ id: 'MyPublicProfile' });
export type MyPublicProfileDto = z.infer<typeof MyPublicProfileDto>;

export const PublicCredentialDto = z.object({
	id: z.string(),
	name: z.string(),
	issuer: z.object({ name: z.string() }),
	issuedAt: z.string(),
	validUntil: z.string().nullable(),
	status: z.enum(['valid', 'expired']),
	skills: z.array(z.object({ id: z.string(), title: z.string(), framework: z.string() })),
	url: z.string().meta({ description: 'The credential’s page, where anyone can verify it' }),
	image: z.string()
});

export const PublicProfileDto = z
	.object({
		id: z.string(),
		url: z.string(),
		displayName: z.string(),
		headline: z.string(),
		credentials: z.array(PublicCredentialDto)
	})
	.meta({ id: 'PublicProfile' });
export type PublicProfileDto = z.infer<typeof PublicProfileDto>;
