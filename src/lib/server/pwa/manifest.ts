import sharp from 'sharp';

/** The theme colour of the installed app: the primary colour of the design tokens (`app.css`). */
export const THEME_COLOUR = '#1d4ed8';
export const ICON_SIZES = [192, 512] as const;

/**
 * The web app manifest: installing the platform opens the wallet, as a standalone app. Name and
 * description are in the reader's language (browsers read the manifest once, at install).
 */
export function webAppManifest(locale: string, text: { name: string; description: string }) {
	return {
		name: text.name,
		short_name: text.name,
		description: text.description,
		lang: locale,
		id: '/wallet',
		start_url: '/wallet',
		scope: '/',
		display: 'standalone',
		theme_color: THEME_COLOUR,
		background_color: '#ffffff',
		icons: ICON_SIZES.map((size) => ({ src: `/icons/${size}.png`, sizes: `${size}x${size}`, type: 'image/png', purpose: 'any maskable' }))
	};
}

const rendered = new Map<number, Promise<Buffer>>();

/**
 * The app icon at one size: the favicon's house drawn inside the middle 60% of a full square, so
 * that launchers that mask icons to a circle (maskable icons) never cut it. Drawn once per size.
 */
export function appIcon(size: (typeof ICON_SIZES)[number]): Promise<Buffer> {
	let icon = rendered.get(size);
	if (!icon) {
		const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32"><rect width="32" height="32" fill="${THEME_COLOUR}"/><g transform="translate(6.4 6.4) scale(0.6)"><path d="M8 22V12l8-4 8 4v10h-5v-6h-6v6z" fill="#fff" transform="translate(0 1)"/></g></svg>`;
		icon = sharp(Buffer.from(svg)).png().toBuffer();
		rendered.set(size, icon);
	}
	return icon;
}
