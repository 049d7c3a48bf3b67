-- pg_restore loads rows with an empty search_path, and computing the activities' search columns calls
-- col_ts_config from col_localized_tsvector: unqualified, it was not found, so a PostgreSQL backup
-- with activities could not be restored. The function now carries the search path it was made with.
ALTER FUNCTION col_localized_tsvector(jsonb, "char") SET search_path FROM CURRENT;
