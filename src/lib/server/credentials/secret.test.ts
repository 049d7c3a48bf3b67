import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCredentialSecret, open, seal } from './secret';

const dirs: string[] = [];
const scratch = () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'col-secret-'));
	dirs.push(dir);
	return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('the credential key', () => {
	it('is made once in the data directory, readable by its owner only, and read back by every later start', () => {
		const dataDir = scratch();
		const first = loadCredentialSecret({ secret: undefined, dataDir });
		const again = loadCredentialSecret({ secret: undefined, dataDir });
		expect(first).toHaveLength(32);
		expect(again.equals(first)).toBe(true);
		expect(fs.statSync(path.join(dataDir, 'credential-secret.key')).mode & 0o777).toBe(0o600);
		// The draft it was written to is gone: only the key is left.
		expect(fs.readdirSync(dataDir)).toEqual(['credential-secret.key']);
		expect(open(again, seal(first, 'signing key'))).toBe('signing key');
	});

	it('comes from CREDENTIAL_SECRET when it is set, leaving the data directory alone', () => {
		const dataDir = scratch();
		const key = loadCredentialSecret({ secret: 'a long shared secret', dataDir });
		expect(key.equals(loadCredentialSecret({ secret: 'a long shared secret', dataDir: null }))).toBe(true);
		expect(fs.readdirSync(dataDir)).toEqual([]);
	});

	it('refuses a key file that does not hold 32 bytes', () => {
		const dataDir = scratch();
		fs.writeFileSync(path.join(dataDir, 'credential-secret.key'), 'c2hvcnQ=');
		expect(() => loadCredentialSecret({ secret: undefined, dataDir })).toThrow(/32-byte key/);
	});
});
