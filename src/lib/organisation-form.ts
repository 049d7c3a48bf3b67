/** The values an organisation form shows: the stored organisation, overridden by what was just typed. */
export function organisationFormValues(
	stored: { name?: string; type?: string; email?: string; website?: string | null; description?: Record<string, string> } | undefined,
	typed: Record<string, unknown> | undefined,
	defaults: { city?: string } = {}
) {
	const text = (key: string) => (typeof typed?.[key] === 'string' ? (typed[key] as string) : undefined);
	const description: Record<string, string> = { ...(stored?.description ?? {}) };
	for (const [key, value] of Object.entries(typed ?? {})) {
		if (key.startsWith('description.') && typeof value === 'string') description[key.slice(12)] = value;
	}
	return {
		city: text('city') ?? defaults.city,
		name: text('name') ?? stored?.name ?? '',
		type: text('type') ?? stored?.type ?? 'youth_organisation',
		email: text('email') ?? stored?.email ?? '',
		website: text('website') ?? stored?.website ?? '',
		description
	};
}
