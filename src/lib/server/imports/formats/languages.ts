/**
 * Sources name languages every way there is: `en`, `en-GB`, `en_AU`, `eng`, `English`, `Nederlands`,
 * or an EU authority URI ending in `/language/ENG`. Activities keep ISO 639-1 where one exists
 * (ISO 639-2/3 otherwise), so the same language is one search filter whatever the source said.
 */

/** ISO 639-2 (bibliographic and terminology) and 639-3 codes of the languages likely in our cities' catalogues. */
const THREE_TO_TWO: Record<string, string> = {
	eng: 'en', nld: 'nl', dut: 'nl', ell: 'el', gre: 'el', ita: 'it', ron: 'ro', rum: 'ro', lit: 'lt', deu: 'de', ger: 'de',
	fra: 'fr', fre: 'fr', spa: 'es', por: 'pt', pol: 'pl', ces: 'cs', cze: 'cs', slk: 'sk', slo: 'sk', slv: 'sl', hrv: 'hr',
	srp: 'sr', bos: 'bs', bul: 'bg', hun: 'hu', fin: 'fi', swe: 'sv', dan: 'da', nor: 'no', nob: 'nb', nno: 'nn', isl: 'is',
	ice: 'is', est: 'et', lav: 'lv', gle: 'ga', mlt: 'mt', cym: 'cy', wel: 'cy', eus: 'eu', baq: 'eu', cat: 'ca', glg: 'gl',
	ltz: 'lb', fry: 'fy', sqi: 'sq', alb: 'sq', mkd: 'mk', mac: 'mk', ukr: 'uk', rus: 'ru', bel: 'be', tur: 'tr', ara: 'ar',
	heb: 'he', fas: 'fa', per: 'fa', zho: 'zh', chi: 'zh', jpn: 'ja', kor: 'ko', hin: 'hi', urd: 'ur', ben: 'bn', vie: 'vi',
	tha: 'th', ind: 'id', msa: 'ms', may: 'ms', swa: 'sw', som: 'so', amh: 'am', tir: 'ti', hye: 'hy', arm: 'hy', kat: 'ka',
	geo: 'ka', aze: 'az', kur: 'ku', pus: 'ps', prs: 'fa', tgl: 'tl', lat: 'la', epo: 'eo'
};

/** Names in English and in the language itself, lower-case and without accents. */
const NAMES: Record<string, string> = {
	english: 'en', dutch: 'nl', nederlands: 'nl', flemish: 'nl', vlaams: 'nl', greek: 'el', ellinika: 'el', ελληνικα: 'el',
	italian: 'it', italiano: 'it', romanian: 'ro', romana: 'ro', lithuanian: 'lt', lietuviu: 'lt', german: 'de', deutsch: 'de',
	french: 'fr', francais: 'fr', spanish: 'es', espanol: 'es', castellano: 'es', portuguese: 'pt', portugues: 'pt',
	polish: 'pl', polski: 'pl', czech: 'cs', cestina: 'cs', slovak: 'sk', slovenian: 'sl', croatian: 'hr', hrvatski: 'hr',
	serbian: 'sr', bulgarian: 'bg', hungarian: 'hu', magyar: 'hu', finnish: 'fi', suomi: 'fi', swedish: 'sv', svenska: 'sv',
	danish: 'da', dansk: 'da', norwegian: 'no', norsk: 'no', icelandic: 'is', estonian: 'et', eesti: 'et', latvian: 'lv',
	latviesu: 'lv', irish: 'ga', maltese: 'mt', welsh: 'cy', basque: 'eu', catalan: 'ca', catala: 'ca', galician: 'gl',
	luxembourgish: 'lb', frisian: 'fy', albanian: 'sq', macedonian: 'mk', ukrainian: 'uk', russian: 'ru', turkish: 'tr',
	turkce: 'tr', arabic: 'ar', hebrew: 'he', persian: 'fa', farsi: 'fa', chinese: 'zh', mandarin: 'zh', japanese: 'ja',
	korean: 'ko', hindi: 'hi', urdu: 'ur', vietnamese: 'vi', indonesian: 'id', somali: 'so', tigrinya: 'ti', armenian: 'hy',
	georgian: 'ka', kurdish: 'ku', pashto: 'ps', dari: 'fa', tagalog: 'tl', latin: 'la', esperanto: 'eo'
};

/** Codes that say "no particular language" rather than naming one. */
const NOT_A_LANGUAGE = new Set(['mul', 'und', 'zxx', 'mis', 'xx', 'other']);

export function normaliseLanguage(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	let text = value.trim();
	if (!text) return undefined;
	// EU publications office authority (`.../authority/language/ENG`) and other URIs: the last path segment.
	if (/^https?:\/\//i.test(text)) text = text.replace(/[/#]+$/, '').split(/[/#]/).pop() ?? '';
	const lower = text.toLowerCase();
	if (NOT_A_LANGUAGE.has(lower)) return undefined;
	const tag = /^([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*$/i.exec(text);
	if (tag) {
		const primary = tag[1]!.toLowerCase();
		if (NOT_A_LANGUAGE.has(primary)) return undefined;
		if (primary.length === 2) return primary;
		return THREE_TO_TWO[primary] ?? (NAMES[primary] ? NAMES[primary] : primary);
	}
	const name = lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s*\(.*\)$/, '').trim();
	return NAMES[name];
}

/** Every language named in a list (or a comma/semicolon-separated string), normalised, once each. */
export function normaliseLanguages(values: unknown): string[] {
	const split = (text: string) => (/^https?:\/\//i.test(text.trim()) ? [text] : text.split(/[,;|/]/));
	const list = Array.isArray(values) ? values : typeof values === 'string' ? split(values) : [values];
	const codes = list.map((value) => normaliseLanguage(value)).filter((code): code is string => Boolean(code));
	return [...new Set(codes)];
}

/**
 * The language a key of a language map names (`en`, `en-GB`, `fra`), stricter than `normaliseLanguage`
 * so that ordinary property names (`url`, `id`, `type`) are never taken for languages.
 */
export function languageKey(key: string): string | undefined {
	if (key === 'id' || key === 'type') return undefined;
	if (/^[a-z]{2}([-_][A-Za-z0-9]{2,8})?$/i.test(key)) return key.slice(0, 2).toLowerCase();
	return THREE_TO_TWO[key.toLowerCase()];
}
