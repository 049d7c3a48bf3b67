-- Full-text search in the content's own language: each locale of a per-locale jsonb field is indexed
-- with that language's text search configuration (and with 'simple', so that unstemmed words match too).
CREATE OR REPLACE FUNCTION col_ts_config(locale text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT (CASE split_part(lower(locale), '-', 1)
		WHEN 'en' THEN 'english' WHEN 'nl' THEN 'dutch' WHEN 'el' THEN 'greek' WHEN 'it' THEN 'italian'
		WHEN 'ro' THEN 'romanian' WHEN 'lt' THEN 'lithuanian' WHEN 'de' THEN 'german' WHEN 'fr' THEN 'french'
		WHEN 'es' THEN 'spanish' WHEN 'pt' THEN 'portuguese' WHEN 'da' THEN 'danish' WHEN 'sv' THEN 'swedish'
		WHEN 'fi' THEN 'finnish' WHEN 'hu' THEN 'hungarian' WHEN 'tr' THEN 'turkish' WHEN 'ru' THEN 'russian'
		ELSE 'simple' END)::regconfig
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION col_localized_tsvector(content jsonb, weight "char") RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
	result tsvector := ''::tsvector;
	entry record;
BEGIN
	IF content IS NULL OR jsonb_typeof(content) <> 'object' THEN
		RETURN result;
	END IF;
	FOR entry IN SELECT key, value FROM jsonb_each_text(content) LOOP
		result := result
			|| setweight(to_tsvector(col_ts_config(entry.key), coalesce(entry.value, '')), weight)
			|| setweight(to_tsvector('simple'::regconfig, coalesce(entry.value, '')), weight);
	END LOOP;
	RETURN result;
END
$$;
