import { m } from '../../paraglide/messages.js';
import { LOCALES } from '../../i18n/locales';
import type { QualityCriterion } from '../cities/schema';

const everyLocale = (message: (inputs: Record<string, never>, options: { locale: (typeof LOCALES)[number] }) => string) =>
	Object.fromEntries(LOCALES.map((locale) => [locale, message({}, { locale })]));

/**
 * The platform's default quality standard, worded in every interface language. A city may replace it
 * with its own agreed standard.
 */
export function defaultChecklist(): QualityCriterion[] {
	return [
		{ id: 'learning_outcomes', label: everyLocale(m.quality_learning_outcomes), help: everyLocale(m.quality_learning_outcomes_help) },
		{ id: 'skills_aligned', label: everyLocale(m.quality_skills_aligned), help: everyLocale(m.quality_skills_aligned_help) },
		{ id: 'accessibility_info', label: everyLocale(m.quality_accessibility_info), help: everyLocale(m.quality_accessibility_info_help) },
		{ id: 'safeguarding', label: everyLocale(m.quality_safeguarding), help: everyLocale(m.quality_safeguarding_help) },
		{ id: 'inclusive_description', label: everyLocale(m.quality_inclusive_description), help: everyLocale(m.quality_inclusive_description_help) },
		{ id: 'evidence_defined', label: everyLocale(m.quality_evidence_defined), help: everyLocale(m.quality_evidence_defined_help) }
	];
}

export function checklistOf(city: { qualityChecklist: QualityCriterion[] | null }): QualityCriterion[] {
	return city.qualityChecklist?.length ? city.qualityChecklist : defaultChecklist();
}
