import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { BadgeDesign } from '../activities/schema';
import type { BadgeColour, BadgeIcon } from '../../badges/design';

/**
 * The badge image generated from a template: a medallion in a colour of the activity's own, the badge
 * name and the issuing organisation. It is what credentials show and what a baked badge carries; a
 * designer with uploads and chosen colours can replace the template later without changing callers.
 */
export interface BadgeArtwork {
	/** Seeds the colour, so each badge keeps its own. */
	seed: string;
	name: string;
	issuer: string;
	/** The language of the text, for screen readers reading the SVG, when known. */
	lang?: string;
	/** The organiser's choices in the badge designer; a colour from the seed and a star otherwise. */
	design?: BadgeDesign | undefined;
}

const SIZE = 512;
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Breaks a name into at most `lines` lines of about `width` characters, ending with … if cut. */
export function wrapText(text: string, width: number, lines: number): string[] {
	const words = text.trim().split(/\s+/).filter(Boolean);
	const result: string[] = [];
	let current = '';
	for (const word of words) {
		const next = current ? `${current} ${word}` : word;
		if (next.length <= width || !current) {
			current = next;
			continue;
		}
		result.push(current);
		current = word;
	}
	if (current) result.push(current);
	const kept = result.slice(0, lines).map((line) => (line.length > width ? `${line.slice(0, width - 1)}…` : line));
	if (result.length > lines) kept[lines - 1] = `${kept[lines - 1]!.slice(0, width - 1).trimEnd()}…`;
	return kept;
}

function hue(seed: string): number {
	return createHash('sha256').update(seed).digest().readUInt16BE(0) % 360;
}

/** Hues of the designer's colours (all drawn dark enough for white text). */
const COLOUR_HUES: Record<BadgeColour, number> = { plum: 330, red: 5, orange: 28, green: 140, teal: 180, blue: 215, indigo: 250, slate: 200 };

/** Icons on a 64-unit grid, drawn in white at the top of the medallion. */
const ICON_PATHS: Record<BadgeIcon, string> = {
	star: 'M32 4 l8 17 18 2 -13 13 3 18 -16 -9 -16 9 3 -18 -13 -13 18 -2 z',
	leaf: 'M10 54 C10 24 30 8 56 8 C56 34 40 54 10 54 Z M14 50 L40 24',
	book: 'M6 12 h22 c3 0 4 2 4 4 v38 c0 -3 -2 -4 -4 -4 h-22 z M58 12 h-22 c-3 0 -4 2 -4 4 v38 c0 -3 2 -4 4 -4 h22 z',
	bulb: 'M32 4 a18 18 0 0 1 10 33 v7 h-20 v-7 a18 18 0 0 1 10 -33 z M23 50 h18 v5 h-18 z M26 58 h12 v4 h-12 z',
	heart: 'M32 56 L8 32 A13 13 0 0 1 32 14 A13 13 0 0 1 56 32 Z',
	gear: 'M28 4 h8 l2 8 6 3 7 -4 6 6 -4 7 3 6 8 2 v8 l-8 2 -3 6 4 7 -6 6 -7 -4 -6 3 -2 8 h-8 l-2 -8 -6 -3 -7 4 -6 -6 4 -7 -3 -6 -8 -2 v-8 l8 -2 3 -6 -4 -7 6 -6 7 4 6 -3 z M32 22 a10 10 0 1 0 0.1 0 z',
	globe: 'M32 4 a28 28 0 1 0 0.1 0 z M4 32 h56 M32 4 c-14 14 -14 42 0 56 M32 4 c14 14 14 42 0 56'
};

export function badgeSvg(artwork: BadgeArtwork): string {
	const h = artwork.design?.colour ? COLOUR_HUES[artwork.design.colour] : hue(artwork.seed);
	const icon = ICON_PATHS[artwork.design?.icon ?? 'star'];
	const outlined = artwork.design?.icon === 'leaf' || artwork.design?.icon === 'globe';
	// Dark enough behind white text for a contrast above 4.5:1 at any hue.
	const fill = `hsl(${h}, 55%, 28%)`;
	const ring = `hsl(${h}, 60%, 45%)`;
	const nameLines = wrapText(artwork.name, 16, 3);
	const lineHeight = 44;
	const firstLine = 250 - ((nameLines.length - 1) * lineHeight) / 2;
	const name = nameLines
		.map((line, index) => `<tspan x="256" y="${firstLine + index * lineHeight}">${escapeXml(line)}</tspan>`)
		.join('');
	const issuer = wrapText(artwork.issuer, 26, 1)[0] ?? '';
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-labelledby="badge-title"${artwork.lang ? ` lang="${escapeXml(artwork.lang)}"` : ''}>`,
		`<title id="badge-title">${escapeXml(`${artwork.name} · ${artwork.issuer}`)}</title>`,
		`<circle cx="256" cy="256" r="248" fill="${ring}"/>`,
		`<circle cx="256" cy="256" r="222" fill="${fill}" stroke="#ffffff" stroke-width="6"/>`,
		`<g transform="translate(226 66) scale(0.94)"><path d="${icon}" ${outlined ? 'fill="none" stroke="#ffffff" stroke-width="5" stroke-linejoin="round"' : 'fill="#ffffff" fill-rule="evenodd"'}/></g>`,
		`<text font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="38" font-weight="bold" fill="#ffffff" text-anchor="middle">${name}</text>`,
		`<text x="256" y="410" font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="22" fill="#ffffff" text-anchor="middle">${escapeXml(issuer)}</text>`,
		`</svg>`
	].join('');
}

/** The same badge rasterised, for places that take only PNG (LinkedIn, older backpacks). */
export async function badgePng(artwork: BadgeArtwork): Promise<Buffer> {
	return sharp(Buffer.from(badgeSvg(artwork))).png({ compressionLevel: 9 }).toBuffer();
}

/**
 * An uploaded badge (a PNG) as SVG: the picture inlined as a `data:` URI, so the SVG stands alone,
 * can be baked like a drawn one, and loads nothing from elsewhere.
 */
export function embeddedBadgeSvg(png: Buffer, label: { title: string; lang?: string | undefined }): string {
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-labelledby="badge-title"${label.lang ? ` lang="${escapeXml(label.lang)}"` : ''}>`,
		`<title id="badge-title">${escapeXml(label.title)}</title>`,
		`<image width="${SIZE}" height="${SIZE}" href="data:image/png;base64,${png.toString('base64')}"/>`,
		`</svg>`
	].join('');
}
