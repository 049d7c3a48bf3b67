import type { ActivityMode, ActivityType } from '../../../activities/vocabulary';

/**
 * Guesses of our activity type and mode from the words sources use. Conservative on purpose: a type
 * is only given when a word clearly names one, and the organiser sees and can change it in the preview.
 */
const TYPE_WORDS: [RegExp, ActivityType][] = [
	[/\bworkshops?\b|\bhands[- ]on\b|\bwerkplaats\b|\batelier\b|\blaboratorio\b|\bhackathon\b/i, 'workshop'],
	[/\bself[- ]paced\b|\bzelfstudie\b|\bon[- ]demand\b/i, 'self_paced_online'],
	[/\bcourse(instance)?s?\b|\bmoocs?\b|\bcursus\b|\bcorso\b|\bcurs\b|\bkurs(as)?\b|\bmodule\b|\bprogramme?\b|\bsummer school\b/i, 'course'],
	[/\btrainings?\b|\btutorials?\b|\bbootcamp\b|\bopleiding\b|\bformazione\b/i, 'training'],
	[/\bvolunteer(ing)?\b|\bvrijwillig|\bvolontariato\b|\bsolidarity\b/i, 'volunteering'],
	[/\binternships?\b|\btraineeships?\b|\bstage\b|\btirocinio\b|\bapprenticeship\b/i, 'internship'],
	[/\byouth exchange\b|\bexchange\b|\bmobility\b|\buitwisseling\b/i, 'exchange'],
	[/\bcamps?\b|\bkamp\b|\bcampo\b/i, 'camp'],
	[/\bcompetitions?\b|\bcontest\b|\bchallenge\b|\bolympiad\b|\bwedstrijd\b|\bconcorso\b/i, 'competition'],
	[/\bmentoring\b|\bmentorship\b|\bcoaching\b/i, 'mentoring'],
	[/\bevents?\b|\beducationevent\b|\bconference\b|\bseminar\b|\bsymposium\b|\bwebinar\b|\bmeetup\b|\bmeeting\b|\blecture\b|\btalk\b|\bforum\b|\bfestival\b|\bevenement\b|\bevento\b/i, 'event']
];

/**
 * The first value (in the source's order) that names a type. Pass the source's own type fields first
 * and its categories or keywords after them; titles are not used, they mislead too often.
 */
export function guessActivityType(values: (string | null | undefined)[]): ActivityType | undefined {
	for (const value of values) {
		if (!value) continue;
		// schema.org types come in CamelCase ("EducationEvent"): split them into words first.
		const words = value.replace(/([a-z])([A-Z])/g, '$1 $2');
		for (const [pattern, type] of TYPE_WORDS) if (pattern.test(words) || pattern.test(value)) return type;
	}
	return undefined;
}

/** Our mode from a source's word for it (`online`, `blended`, `onsite`, `situated`, a schema.org URI...). */
export function modeFromWord(value: string | null | undefined): ActivityMode | undefined {
	if (!value) return undefined;
	const word = value.replace(/^.*[/#]/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
	if (/hybrid|blended|mixed|both/.test(word)) return 'hybrid';
	if (/online|virtual|remote|distance|e-?learning|web|digital|asynchronous/.test(word)) return 'online';
	if (/on-?site|offline|in[- _]?person|face[- _]to[- _]face|presen|classroom|campus|situated|physical|f2f|in-?class/.test(word)) return 'in_person';
	return undefined;
}

/** Combines several mode words (a course's `["onsite", "synchronous"]`): online and in person together are hybrid. */
export function modeFromWords(values: (string | null | undefined)[]): ActivityMode | undefined {
	const modes = new Set(values.map(modeFromWord).filter((mode): mode is ActivityMode => Boolean(mode)));
	if (modes.has('hybrid') || (modes.has('online') && modes.has('in_person'))) return 'hybrid';
	return modes.has('online') ? 'online' : modes.has('in_person') ? 'in_person' : undefined;
}

/** Whether a free-text location means "online" (iCalendar LOCATION, CSV venue). */
export function locationSaysOnline(value: string | null | undefined): boolean {
	if (!value) return false;
	if (/^https?:\/\//i.test(value.trim())) return true;
	return /\b(online|virtual|zoom|teams|webinar|webex|google meet|jitsi|livestream|remote|internet)\b/i.test(value);
}
