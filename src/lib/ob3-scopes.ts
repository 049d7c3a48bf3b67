/**
 * The Open Badges API's scope names, shared by the server and the consent page (which words each).
 * Defined once here so that pages need not import server code.
 */
const BASE = 'https://purl.imsglobal.org/spec/ob/v3p0/scope/';
export const SCOPES = {
	credentialRead: `${BASE}credential.readonly`,
	credentialUpsert: `${BASE}credential.upsert`,
	profileRead: `${BASE}profile.readonly`,
	profileUpdate: `${BASE}profile.update`
} as const;
