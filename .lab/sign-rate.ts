import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import crypto from 'node:crypto';
import { buildCredential, signCredential } from '../src/lib/server/credentials/openbadge';
import { FrameworkCatalog, readFrameworkFiles, defaultFrameworksFolder } from '../src/lib/server/frameworks/catalog';
const kp = await Ed25519Multikey.generate({ id: 'did:web:x:organisations:1#key-1', controller: 'did:web:x:organisations:1' });
const catalog = new FrameworkCatalog(readFrameworkFiles(defaultFrameworksFolder()));
const facts = (i: number) => ({
	credentialId: crypto.randomUUID(), publicUrl: 'https://x', organisation: { id: '1', name: 'Org', email: 'a@b.c' },
	activity: { id: 'a', badge: { name: { en: 'Bike repair' }, description: { en: 'd' }, criteria: { en: 'c' } }, skills: ['lifecomp:P2', 'digcomp:3.4'] },
	locales: ['en'], learner: { id: crypto.randomUUID(), email: `p${i}@x.org`, name: 'P' }, narrative: 'did it', statusIndex: i, issuedAt: new Date(), validUntil: null
});
for (let i = 0; i < 20; i++) await signCredential(buildCredential(facts(i), catalog), kp);
const t = performance.now();
const N = 200;
for (let i = 0; i < N; i++) await signCredential(buildCredential(facts(i), catalog), kp);
const ms = (performance.now() - t) / N;
console.log('per credential ms', ms.toFixed(2));
const msg = Buffer.alloc(32, 1);
const t2 = performance.now();
const signer = kp.signer();
for (let i = 0; i < 2000; i++) await signer.sign({ data: msg });
console.log('raw ed25519 sign ms', ((performance.now() - t2) / 2000).toFixed(3));
