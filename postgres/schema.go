package postgres

// migrations are the schema's versions, applied in order, all pending ones
// in one transaction under an advisory lock (so that two processes opening
// a new database at once do not both migrate it); a store records the last
// one applied in schema_migrations. Append new migrations; never edit one
// that has shipped.
var migrations = []string{
	// 1: the whole store, as SQLite's five migrations leave it: articles
	// (deduplicated, with their words for full-text search), events with
	// their provenance, the per-day roll-up, situations, rules, alerts,
	// arrival marks, feed state, failures and the codings.
	`
CREATE TABLE articles (
	seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id            text COLLATE "C" NOT NULL UNIQUE,
	url           text NOT NULL DEFAULT '',
	source        text COLLATE "C" NOT NULL DEFAULT '',
	published     timestamptz,
	title         text NOT NULL DEFAULT '',
	text          text NOT NULL,
	hash          text NOT NULL,
	minhash       bytea,
	duplicate_of  bigint REFERENCES articles(seq),
	similarity    double precision,
	ingested_at   timestamptz NOT NULL,
	dict_version  text NOT NULL DEFAULT '',
	model_version text NOT NULL DEFAULT '',
	coded_at      timestamptz,
	num_reports   integer NOT NULL DEFAULT 1,
	num_sources   integer NOT NULL DEFAULT 1,
	words         tsvector NOT NULL
);
CREATE INDEX articles_hash ON articles(hash) WHERE duplicate_of IS NULL;
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
CREATE INDEX articles_words ON articles USING gin(words);

CREATE TABLE article_bands (
	band    smallint NOT NULL,
	hash    bigint NOT NULL,
	article bigint NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
	PRIMARY KEY (band, hash, article)
);
CREATE INDEX article_bands_article ON article_bands(article);

-- Text that is ordered or compared by range is compared byte by byte
-- (COLLATE "C"), as SQLite compares it, whatever the database's locale.
-- date is '-infinity' for an event the text gives no date, so that it
-- sorts before every dated event, as SQLite's empty text does.
CREATE TABLE events (
	id             text COLLATE "C" PRIMARY KEY,
	article        bigint NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
	sentence       integer NOT NULL,
	date           date NOT NULL,
	date_precision text NOT NULL,
	source_code    text COLLATE "C" NOT NULL,
	source_role    text NOT NULL,
	target_code    text COLLATE "C" NOT NULL,
	target_role    text NOT NULL,
	code           text COLLATE "C" NOT NULL,
	root           text COLLATE "C" NOT NULL,
	quad_class     smallint NOT NULL,
	goldstein      double precision NOT NULL,
	plover_type    text NOT NULL,
	plover_mode    text NOT NULL,
	place_country  text NOT NULL,
	place_admin1   text NOT NULL,
	lat            double precision,
	lon            double precision,
	pattern_id     text NOT NULL,
	doc            text NOT NULL
);
-- The API's page order (date DESC, article DESC, sentence, id): all
-- events, a source's, and those placed in a country.
CREATE INDEX events_page ON events(date DESC, article DESC, sentence, id);
CREATE INDEX events_source_page ON events(source_code, date DESC, article DESC, sentence, id);
CREATE INDEX events_place_page ON events(place_country, date DESC, article DESC, sentence, id);
CREATE INDEX events_dyad ON events(source_code, target_code, date);
CREATE INDEX events_target ON events(target_code, date);
CREATE INDEX events_root ON events(root, date);
CREATE INDEX events_article ON events(article);

-- Events per day and (source, target, root, quad class), kept equal to
-- the events table by every write, for series and rankings.
CREATE TABLE dyad_daily (
	date          date NOT NULL,
	source_code   text COLLATE "C" NOT NULL,
	target_code   text COLLATE "C" NOT NULL,
	root          text COLLATE "C" NOT NULL,
	quad_class    smallint NOT NULL,
	events        integer NOT NULL,
	goldstein_sum double precision NOT NULL,
	PRIMARY KEY (date, source_code, target_code, root, quad_class)
);
CREATE INDEX dyad_daily_dyad ON dyad_daily(source_code, target_code, date);
CREATE INDEX dyad_daily_target ON dyad_daily(target_code, date);

CREATE TABLE codings (
	dictionary text NOT NULL,
	model      text NOT NULL,
	first_used timestamptz NOT NULL,
	PRIMARY KEY (dictionary, model)
);

CREATE TABLE feeds (
	url           text COLLATE "C" PRIMARY KEY,
	name          text NOT NULL DEFAULT '',
	etag          text NOT NULL DEFAULT '',
	last_modified text NOT NULL DEFAULT '',
	last_polled   timestamptz,
	last_success  timestamptz,
	failures      integer NOT NULL DEFAULT 0,
	last_error    text NOT NULL DEFAULT ''
);

CREATE TABLE failures (
	seq      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at       timestamptz NOT NULL,
	location text NOT NULL,
	error    text NOT NULL
);

CREATE TABLE situations (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	name        text NOT NULL,
	description text NOT NULL DEFAULT '',
	actors      text NOT NULL DEFAULT '[]',
	dyads       text NOT NULL DEFAULT '[]',
	codes       text NOT NULL DEFAULT '[]',
	plover      text NOT NULL DEFAULT '[]',
	created_at  timestamptz NOT NULL
);

CREATE TABLE alert_rules (
	id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	situation     bigint NOT NULL REFERENCES situations(id) ON DELETE CASCADE,
	kind          text NOT NULL,
	codes         text NOT NULL DEFAULT '[]',
	threshold     integer NOT NULL DEFAULT 0,
	window_days   integer NOT NULL DEFAULT 0,
	baseline_days integer NOT NULL DEFAULT 0,
	factor        double precision NOT NULL DEFAULT 0,
	webhook       text NOT NULL DEFAULT '',
	created_at    timestamptz NOT NULL,
	high_water    bigint NOT NULL DEFAULT 0,
	firing        boolean NOT NULL DEFAULT false,
	checked_at    timestamptz,
	version       bigint NOT NULL DEFAULT 0
);
CREATE INDEX alert_rules_situation ON alert_rules(situation);

CREATE TABLE alerts (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	rule       bigint NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
	situation  bigint NOT NULL REFERENCES situations(id) ON DELETE CASCADE,
	kind       text NOT NULL,
	fired_at   timestamptz NOT NULL,
	reason     text NOT NULL,
	count      integer NOT NULL DEFAULT 0,
	event_ids  text NOT NULL DEFAULT '[]',
	delivered  boolean NOT NULL DEFAULT false,
	attempts   integer NOT NULL DEFAULT 0,
	last_error text NOT NULL DEFAULT ''
);
CREATE INDEX alerts_situation ON alerts(situation, id);
CREATE INDEX alerts_rule ON alerts(rule, id);
CREATE INDEX alerts_pending ON alerts(delivered, id);

-- The events an alert of a rule listed, so that a rule never lists an
-- event twice.
CREATE TABLE alert_events (
	rule  bigint NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
	event text COLLATE "C" NOT NULL,
	PRIMARY KEY (rule, event)
);

-- Events numbered in the order their transactions commit (writers number
-- them under an advisory lock held to the commit), so that a rule that
-- remembers the last number it saw never misses an event committed later
-- with a smaller one.
CREATE TABLE event_arrivals (
	seq   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	event text COLLATE "C" NOT NULL UNIQUE REFERENCES events(id) ON DELETE CASCADE
);
`,
}
