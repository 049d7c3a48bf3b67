import { m } from '../../paraglide/messages.js';
import type { AppContext } from '../app/context';
import type { SignedInActor } from '../auth/actor';
import { buildArchive } from './archive';
import { signedClr } from './clr';

type Deps = Pick<AppContext, 'db' | 'config' | 'credentialSecret' | 'now'>;

/** The site's name in English: the record's issuer name, the same in every export. */
export const siteName = () => m.site_name({}, { locale: 'en' });

const download = (body: string, type: string, filename: string) =>
	new Response(body, { headers: { 'content-type': type, 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' } });

const today = (app: Pick<Deps, 'now'>) => app.now().toISOString().slice(0, 10);

/** The files the records page offers, for the signed-in person only. */
export async function recordDownload(app: Deps, actor: SignedInActor, kind: 'clr.jwt' | 'clr.json' | 'archive.json'): Promise<Response> {
	if (kind === 'archive.json') {
		return download(JSON.stringify(await buildArchive(app, actor.user.id), null, 2), 'application/json', `my-data-${today(app)}.json`);
	}
	const { credential, jwt } = await signedClr(app, actor.user.id, siteName());
	return kind === 'clr.jwt'
		? download(jwt, 'application/vc+jwt', `learner-record-${today(app)}.jwt`)
		: download(JSON.stringify(credential, null, 2), 'application/json', `learner-record-${today(app)}.json`);
}
