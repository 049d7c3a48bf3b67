import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { bakePng, bakeSvg, BakingError, extractFromPng, extractFromSvg, writeChunk } from './baking';
import { badgePng, badgeSvg, wrapText } from './badge-image';

const artwork = { seed: 'https://example.org/activities/1#badge', name: 'Street art & <storytelling>', issuer: 'Breda Youth Works' };
const credential = JSON.stringify({ id: 'https://example.org/credentials/1', name: 'Ünïcode ✓ and "]]>" inside', type: ['VerifiableCredential', 'OpenBadgeCredential'] });

describe('baking a PNG', () => {
	it('carries the credential in an iTXt chunk that reads back unchanged, in a PNG that still decodes', async () => {
		const baked = bakePng(await badgePng(artwork), { version: 3, text: credential });
		expect(extractFromPng(baked)).toEqual({ version: 3, text: credential });
		expect(baked.includes(Buffer.from('openbadgecredential\0\0\0\0\0'))).toBe(true);
		// A decoder checks every chunk's CRC: the image must still be a valid PNG.
		const { width, height } = await sharp(baked).metadata();
		expect([width, height]).toEqual([512, 512]);
	});

	it('replaces a badge already baked in, so an image holds one', async () => {
		const once = bakePng(await badgePng(artwork), { version: 2, text: 'https://example.org/assertions/1' });
		const twice = bakePng(once, { version: 3, text: credential });
		expect(extractFromPng(twice)).toEqual({ version: 3, text: credential });
		expect(twice.includes(Buffer.from('openbadges\0'))).toBe(false);
	});

	it('refuses what is not a PNG, a truncated one, and compressed badge text', async () => {
		expect(() => extractFromPng(Buffer.from('GIF89a....'))).toThrow(BakingError);
		const png = await badgePng(artwork);
		expect(() => extractFromPng(png.subarray(0, png.length - 20))).toThrow(BakingError);
		const compressed = Buffer.concat([Buffer.from('openbadgecredential\0', 'latin1'), Buffer.from([1, 0, 0, 0]), deflateSync(credential)]);
		const withCompressed = bakePng(png, { version: 3, text: 'x' });
		const index = withCompressed.indexOf(Buffer.from('iTXt'));
		const length = withCompressed.readUInt32BE(index - 4);
		const tampered = Buffer.concat([withCompressed.subarray(0, index - 4), writeChunk({ type: 'iTXt', data: compressed }), withCompressed.subarray(index + 8 + length)]);
		expect(() => extractFromPng(tampered)).toThrow(/compressed/);
	});

	it('finds nothing in a plain image', async () => {
		expect(extractFromPng(await badgePng(artwork))).toBeUndefined();
	});
});


describe('baking an SVG', () => {
	it('carries JSON in CDATA (even with "]]>" in it) and a JWT in the verify attribute', () => {
		const svg = badgeSvg(artwork);
		const baked = bakeSvg(svg, { version: 3, text: credential });
		expect(baked).toMatch(/^<svg xmlns:openbadges="https:\/\/purl\.imsglobal\.org\/ob\/v3p0" xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
		expect(extractFromSvg(baked)).toEqual({ version: 3, text: credential });
		const jwt = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2ln';
		const rebaked = bakeSvg(baked, { version: 3, text: jwt });
		expect(extractFromSvg(rebaked)).toEqual({ version: 3, text: jwt });
		expect(rebaked.match(/openbadges:credential/g)).toHaveLength(2);
	});

	it('escapes the text it draws and reads Open Badges 2.0 assertions', () => {
		expect(badgeSvg(artwork)).toContain('Street art &amp; &lt;storytelling&gt;');
		const ob2 = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="https://example.org/a/1"/></svg>';
		expect(extractFromSvg(ob2)).toEqual({ version: 2, text: 'https://example.org/a/1' });
		expect(() => bakeSvg('<html></html>', { version: 3, text: credential })).toThrow(BakingError);
	});
});

describe('the badge template', () => {
	it('wraps a long name into three lines at most, marking the cut', () => {
		expect(wrapText('Digital storytelling for young climate activists in the city of Breda', 16, 3)).toEqual(['Digital', 'storytelling for', 'young climate…']);
		expect(wrapText('Short', 16, 3)).toEqual(['Short']);
	});
});
