import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer secrets (API tokens, invitation links, OAuth codes and tokens, calendar feeds): 256 random
 * bits, and only their SHA-256 is stored, so a copy of the database opens nothing.
 */
export const newSecret = (prefix = '') => prefix + randomBytes(32).toString('base64url');

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
