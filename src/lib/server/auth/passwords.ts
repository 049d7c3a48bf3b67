import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane): about 60 ms on these machines.
 * 2 is Argon2id in @node-rs/argon2's const enum, which isolated modules cannot import.
 */
const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, options);
}

export async function verifyPassword(data: { hash: string; password: string }): Promise<boolean> {
	try {
		return await verify(data.hash, data.password);
	} catch {
		return false; // a malformed stored hash never matches
	}
}

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
