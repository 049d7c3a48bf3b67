import { crc32 } from 'node:zlib';

/**
 * Baked badges: a credential carried inside its badge image, as the Open Badges specifications define
 * it. PNG: one `iTXt` chunk whose keyword is `openbadgecredential` (3.0) or `openbadges` (2.0), with
 * no compression, no language and the credential (JSON or a JWT) as text. SVG: an
 * `<openbadges:credential>` (3.0) or `<openbadges:assertion>` (2.0) element right after the root's
 * opening tag, holding the JSON in a CDATA section or a JWT/URL in its `verify` attribute.
 */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const OB3_PNG_KEYWORD = 'openbadgecredential';
export const OB2_PNG_KEYWORD = 'openbadges';
const BADGE_KEYWORDS = [OB3_PNG_KEYWORD, OB2_PNG_KEYWORD];
export const OB3_SVG_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';
export const OB2_SVG_NAMESPACE = 'http://openbadges.org';

export interface BakedContent {
	/** 3 for an Open Badges 3.0 credential, 2 for a 2.0 assertion. */
	version: 2 | 3;
	/** The credential as JSON text, a compact JWT, or (2.0) the assertion's URL. */
	text: string;
}

export class BakingError extends Error {}

interface Chunk {
	type: string;
	data: Buffer;
}

export const isPng = (bytes: Uint8Array) => bytes.length >= 8 && Buffer.from(bytes.subarray(0, 8)).equals(PNG_SIGNATURE);

function readChunks(png: Buffer): Chunk[] {
	if (!isPng(png)) throw new BakingError('This is not a PNG image.');
	const chunks: Chunk[] = [];
	let offset = 8;
	while (offset < png.length) {
		if (offset + 12 > png.length) throw new BakingError('The PNG image is truncated.');
		const length = png.readUInt32BE(offset);
		const type = png.toString('latin1', offset + 4, offset + 8);
		const end = offset + 12 + length;
		if (end > png.length) throw new BakingError('The PNG image is truncated.');
		chunks.push({ type, data: png.subarray(offset + 8, offset + 8 + length) });
		offset = end;
		if (type === 'IEND') break;
	}
	if (chunks[0]?.type !== 'IHDR' || chunks.at(-1)?.type !== 'IEND') throw new BakingError('The PNG image is malformed.');
	return chunks;
}

/** One PNG chunk: length, type, data and the CRC over type and data. */
export function writeChunk({ type, data }: Chunk): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
	return Buffer.concat([head, data, crc]);
}

/** iTXt: keyword, NUL, compression flag, compression method, language tag, NUL, translated keyword, NUL, text. */
function iTXt(keyword: string, text: string): Chunk {
	return { type: 'iTXt', data: Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]) };
}

function parseITXt(data: Buffer): { keyword: string; text: string } | undefined {
	const keywordEnd = data.indexOf(0);
	if (keywordEnd < 1) return undefined;
	const keyword = data.toString('latin1', 0, keywordEnd);
	const compressed = data[keywordEnd + 1] === 1;
	const languageEnd = data.indexOf(0, keywordEnd + 3);
	const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
	if (translatedEnd < 0) return undefined;
	// The specifications ask for uncompressed text; a compressed chunk is not a baked badge we read.
	if (compressed) throw new BakingError('The badge data in this PNG is compressed, which Open Badges does not allow.');
	return { keyword, text: data.toString('utf8', translatedEnd + 1) };
}

/** Bakes the text into a PNG, replacing any badge already baked in it (a badge image holds one). */
export function bakePng(png: Buffer, content: BakedContent): Buffer {
	const kept = readChunks(png).filter((chunk) => !(chunk.type === 'iTXt' && BADGE_KEYWORDS.includes(parseITXt(chunk.data)?.keyword ?? '')));
	const keyword = content.version === 3 ? OB3_PNG_KEYWORD : OB2_PNG_KEYWORD;
	const [header, ...rest] = kept;
	return Buffer.concat([PNG_SIGNATURE, ...[header!, iTXt(keyword, content.text), ...rest].map(writeChunk)]);
}

export function extractFromPng(png: Buffer): BakedContent | undefined {
	for (const chunk of readChunks(png)) {
		if (chunk.type !== 'iTXt') continue;
		const entry = parseITXt(chunk.data);
		if (entry?.keyword === OB3_PNG_KEYWORD) return { version: 3, text: entry.text };
		if (entry?.keyword === OB2_PNG_KEYWORD) return { version: 2, text: entry.text };
	}
	return undefined;
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Bakes into an SVG document: JSON goes in a CDATA section, a JWT or URL in the `verify` attribute. */
export function bakeSvg(svg: string, content: BakedContent): string {
	const root = /<svg\b[^>]*>/.exec(svg);
	if (!root) throw new BakingError('This is not an SVG image.');
	const namespace = content.version === 3 ? OB3_SVG_NAMESPACE : OB2_SVG_NAMESPACE;
	const element = content.version === 3 ? 'credential' : 'assertion';
	let openTag = root[0].replace(/\s+xmlns:openbadges="[^"]*"/, '');
	openTag = openTag.replace(/^<svg\b/, `<svg xmlns:openbadges="${namespace}"`);
	const isJson = content.text.trimStart().startsWith('{');
	// "]]>" cannot appear inside CDATA: split it across two sections.
	const body = isJson
		? `<openbadges:${element}><![CDATA[${content.text.replaceAll(']]>', ']]]]><![CDATA[>')}]]></openbadges:${element}>`
		: `<openbadges:${element} verify="${escapeAttribute(content.text)}"></openbadges:${element}>`;
	const rest = svg.slice(root.index + root[0].length).replace(/<openbadges:(credential|assertion)\b[\s\S]*?(<\/openbadges:\1>|\/>)/g, '');
	return `${svg.slice(0, root.index)}${openTag}${body}${rest}`;
}

export function extractFromSvg(svg: string): BakedContent | undefined {
	const match = /<openbadges:(credential|assertion)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/openbadges:\1>)/.exec(svg);
	if (!match) return undefined;
	const version = match[1] === 'credential' ? 3 : 2;
	const verify = /\bverify\s*=\s*"([^"]*)"/.exec(match[2] ?? '')?.[1];
	if (verify) return { version, text: verify.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&amp;/g, '&') };
	const inner = (match[3] ?? '').replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1').trim();
	return inner ? { version, text: inner } : undefined;
}
