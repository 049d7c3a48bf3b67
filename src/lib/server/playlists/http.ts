import type { AppContext } from '../app/context';
import type { Actor } from '../auth/actor';
import { jsonError } from '../http/endpoint';
import { AppError, notFound } from '../http/errors';
import { isUuid } from '../http/validation';
import { imageResponse } from '../credentials/http';
import { pickText } from '../../i18n/locales';
import { getPlaylist } from './service';
import { playlistUrl } from './presenters';

/** The playlist's badge image: the achievement image of the credentials it issues. */
export async function playlistBadgeResponse(app: Pick<AppContext, 'db' | 'config'>, actor: Actor, id: string | undefined, format: 'png' | 'svg', request?: Request): Promise<Response> {
	const playlist = isUuid(id)
		? await getPlaylist(app, actor, id).catch((error: unknown) => {
				if (error instanceof AppError && error.code === 'not_found') return undefined;
				throw error;
			})
		: undefined;
	if (!playlist) return jsonError(notFound('Badge'));
	const name = pickText(playlist.badge.name, playlist.city.defaultLocale, Object.keys(playlist.title));
	return imageResponse(
		request,
		{ artwork: { seed: `${playlistUrl(app.config.publicUrl, playlist.id)}#badge`, name: name?.text ?? '', issuer: playlist.organisation.name, lang: name?.locale, design: playlist.badge.design } },
		format,
		{ 'cache-control': 'public, max-age=600' }
	);
}
