-- Publication-day buckets in the search vector (see jobs.search.ts, "windows"): every posting
-- with a published_at carries 'b1:<day>', 'b2:<day/16>' and 'b3:<day/256>' (UTC days since
-- 1970), so one GIN scan can restrict a search to the postings published since a given day.
-- A trigger keeps them in step with published_at whoever writes the row.
-- Existing rows also get the 'de:<district>|<education>' pair lexeme (jobs.search.ts).
CREATE OR REPLACE FUNCTION job_search_buckets(p timestamptz) RETURNS text[] LANGUAGE sql AS $$
  SELECT CASE WHEN p IS NULL THEN ARRAY[]::text[]
    ELSE ARRAY['b1:' || d, 'b2:' || (d >> 4), 'b3:' || (d >> 8)] END
  FROM (SELECT floor(extract(epoch FROM p) / 86400)::int AS d) AS x
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION job_postings_search_buckets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := array_to_tsvector(ARRAY(
      SELECT x FROM unnest(tsvector_to_array(NEW.search_vector)) AS x WHERE x !~ '^b[0-9]:')
    || job_search_buckets(NEW.published_at));
  RETURN NEW;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS job_postings_search_buckets ON job_postings;
--> statement-breakpoint
CREATE TRIGGER job_postings_search_buckets BEFORE INSERT OR UPDATE OF published_at, search_vector
  ON job_postings FOR EACH ROW EXECUTE FUNCTION job_postings_search_buckets();
--> statement-breakpoint
-- also the district|education pair lexeme of jobs.search.ts filterTokens
UPDATE job_postings SET search_vector = search_vector || CASE
    WHEN district IS NOT NULL AND education IS NOT NULL
    THEN array_to_tsvector(ARRAY['de:' || district || '|' || education]) ELSE ''::tsvector END;
--> statement-breakpoint
-- searches must not scan a pending list of recent writes (postings are written rarely)
ALTER INDEX job_postings_search_idx SET (fastupdate = off);
