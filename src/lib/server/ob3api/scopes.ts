import { SCOPES } from '../../ob3-scopes';

/** The Open Badges 3.0 API's scopes (section 6.2.1 of the specification), one per kind of access. */
export { SCOPES };
export type Scope = (typeof SCOPES)[keyof typeof SCOPES];
export const ALL_SCOPES: Scope[] = Object.values(SCOPES);

/** What each scope lets an app do, as the discovery document describes it. */
export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
	[SCOPES.credentialRead]: 'Permission to read OpenBadgeCredentials for the authenticated entity.',
	[SCOPES.credentialUpsert]: 'Permission to create or update OpenBadgeCredentials for the authenticated entity.',
	[SCOPES.profileRead]: 'Permission to read the profile for the authenticated entity.',
	[SCOPES.profileUpdate]: 'Permission to update the profile for the authenticated entity.'
};

export const isScope = (value: string): value is Scope => (ALL_SCOPES as string[]).includes(value);

/** A space-separated scope parameter as a list without repeats; undefined when a word is unknown. */
export function parseScopeParameter(value: string): Scope[] | undefined {
	const words = [...new Set(value.split(' ').filter(Boolean))];
	return words.every(isScope) ? (words as Scope[]) : undefined;
}

export const includesAll = (granted: readonly string[], wanted: readonly string[]) => wanted.every((scope) => granted.includes(scope));
