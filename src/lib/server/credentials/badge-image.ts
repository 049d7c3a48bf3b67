import { createHash } from 'node:crypto';
import sharp from 'sharp';

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

export function badgeSvg(artwork: BadgeArtwork): string {
	const h = hue(artwork.seed);
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
		`<path d="M256 70 l14 28 31 4 -22 22 5 31 -28 -15 -28 15 5 -31 -22 -22 31 -4 z" fill="#ffffff"/>`,
		`<text font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="38" font-weight="bold" fill="#ffffff" text-anchor="middle">${name}</text>`,
		`<text x="256" y="410" font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="22" fill="#ffffff" text-anchor="middle">${escapeXml(issuer)}</text>`,
		`</svg>`
	].join('');
}

/** The same badge rasterised, for places that take only PNG (LinkedIn, older backpacks). */
export async function badgePng(artwork: BadgeArtwork): Promise<Buffer> {
	return sharp(Buffer.from(badgeSvg(artwork))).png({ compressionLevel: 9 }).toBuffer();
}
