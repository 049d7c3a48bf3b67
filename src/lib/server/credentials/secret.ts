import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The key that encrypts issuers' secret keys at rest: CREDENTIAL_SECRET from the environment, or a file
 * `credential-secret.key` in the data directory, created (mode 0600) on first use. Keeping it out of the
 * database means a database dump alone cannot sign credentials. With neither (an in-memory test
 * database) it lives only as long as the process, like the data it protects.
 */
export function loadCredentialSecret(options: { secret: string | undefined; dataDir: string | null }): Buffer {
	if (options.secret) return crypto.createHash('sha256').update(options.secret).digest();
	if (!options.dataDir) return crypto.randomBytes(32);
	const file = path.join(options.dataDir, 'credential-secret.key');
	fs.mkdirSync(options.dataDir, { recursive: true });
	if (!fs.existsSync(file)) {
		// Written whole beside it, then linked into place: a link fails if the file exists, so of several
		// processes starting at once (SERVER_PROCESSES) one key wins, and none reads a half-written file.
		const draft = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
		fs.writeFileSync(draft, crypto.randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
		try {
			fs.linkSync(draft, file);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		} finally {
			fs.rmSync(draft, { force: true });
		}
	}
	const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
	if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key (base64).`);
	return key;
}

/** AES-256-GCM: a random 12-byte nonce, then the 16-byte tag, then the ciphertext. */
export function seal(key: Buffer, plaintext: string): Buffer {
	const nonce = crypto.randomBytes(12);
	const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce);
	const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
	return Buffer.concat([nonce, cipher.getAuthTag(), body]);
}

export function open(key: Buffer, sealed: Buffer): string {
	const decipher = crypto.createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
	decipher.setAuthTag(sealed.subarray(12, 28));
	return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
}
