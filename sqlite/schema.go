package sqlite

// migrations are the schema's versions, applied in order, each in its own
// transaction; a store records the last one applied in schema_migrations.
// Append new migrations; never edit one that has shipped.
var migrations = []string{
	// 1: articles (deduplicated, with full text search), events,
	// feed state, failures and the versions that coded events.
	`
CREATE TABLE articles (
	rowid         INTEGER PRIMARY KEY,
	id            TEXT NOT NULL UNIQUE,
	url           TEXT NOT NULL DEFAULT '',
	source        TEXT NOT NULL DEFAULT '',
	published     TEXT NOT NULL DEFAULT '',
	title         TEXT NOT NULL DEFAULT '',
	text          TEXT NOT NULL,
	hash          TEXT NOT NULL,
	minhash       BLOB,
	duplicate_of  INTEGER REFERENCES articles(rowid),
	similarity    REAL,
	ingested_at   TEXT NOT NULL,
	dict_version  TEXT NOT NULL DEFAULT '',
	model_version TEXT NOT NULL DEFAULT '',
	coded_at      TEXT NOT NULL DEFAULT '',
	num_reports   INTEGER NOT NULL DEFAULT 1,
	num_sources   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX articles_hash ON articles(hash);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);

CREATE TABLE article_bands (
	band    INTEGER NOT NULL,
	hash    INTEGER NOT NULL,
	article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
	PRIMARY KEY (band, hash, article)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
	INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
	INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

CREATE TABLE events (
	id             TEXT PRIMARY KEY,
	article        INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
	sentence       INTEGER NOT NULL,
	date           TEXT NOT NULL,
	date_precision TEXT NOT NULL,
	source_code    TEXT NOT NULL,
	source_role    TEXT NOT NULL,
	target_code    TEXT NOT NULL,
	target_role    TEXT NOT NULL,
	code           TEXT NOT NULL,
	root           TEXT NOT NULL,
	quad_class     INTEGER NOT NULL,
	goldstein      REAL NOT NULL,
	plover_type    TEXT NOT NULL,
	place_country  TEXT NOT NULL,
	lat            REAL,
	lon            REAL,
	pattern_id     TEXT NOT NULL,
	json           TEXT NOT NULL
);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_dyad ON events(source_code, target_code, date);
CREATE INDEX events_target ON events(target_code, date);
CREATE INDEX events_root ON events(root, date);
CREATE INDEX events_article ON events(article);

-- Every article that reports an event: the article it was coded from and
-- the republications linked to that article.
CREATE VIEW event_mentions AS
	SELECT e.id AS event_id, a.id AS article_id, a.source AS source, a.published AS published
	FROM events e JOIN articles a ON a.rowid = e.article OR a.duplicate_of = e.article;

CREATE TABLE codings (
	dictionary TEXT NOT NULL,
	model      TEXT NOT NULL,
	first_used TEXT NOT NULL,
	PRIMARY KEY (dictionary, model)
);

CREATE TABLE feeds (
	url           TEXT PRIMARY KEY,
	name          TEXT NOT NULL DEFAULT '',
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	last_polled   TEXT NOT NULL DEFAULT '',
	last_success  TEXT NOT NULL DEFAULT '',
	failures      INTEGER NOT NULL DEFAULT 0,
	last_error    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE failures (
	rowid    INTEGER PRIMARY KEY,
	at       TEXT NOT NULL,
	location TEXT NOT NULL,
	error    TEXT NOT NULL
);
`,
	// 2: PLOVER mode and division of each event for filtering, a key for
	// cursor pagination, and dyad_daily, the per-day roll-up of events per
	// (source, target, root, quad class) that series and dyad rankings read;
	// triggers keep it equal to the events table.
	`
ALTER TABLE events ADD COLUMN plover_mode TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN place_admin1 TEXT NOT NULL DEFAULT '';
UPDATE events SET plover_mode = coalesce(json_extract(json, '$.plover_mode'), ''),
	place_admin1 = coalesce(json_extract(json, '$.place.admin1'), '');
CREATE INDEX events_date_id ON events(date, id);

CREATE TABLE dyad_daily (
	date          TEXT NOT NULL,
	source_code   TEXT NOT NULL,
	target_code   TEXT NOT NULL,
	root          TEXT NOT NULL,
	quad_class    INTEGER NOT NULL,
	events        INTEGER NOT NULL,
	goldstein_sum REAL NOT NULL,
	PRIMARY KEY (date, source_code, target_code, root, quad_class)
) WITHOUT ROWID;
CREATE INDEX dyad_daily_dyad ON dyad_daily(source_code, target_code, date);
CREATE INDEX dyad_daily_target ON dyad_daily(target_code, date);
INSERT INTO dyad_daily(date, source_code, target_code, root, quad_class, events, goldstein_sum)
	SELECT date, source_code, target_code, root, quad_class, count(*), sum(goldstein) FROM events GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER events_rollup_insert AFTER INSERT ON events BEGIN
	INSERT INTO dyad_daily(date, source_code, target_code, root, quad_class, events, goldstein_sum)
	VALUES (new.date, new.source_code, new.target_code, new.root, new.quad_class, 1, new.goldstein)
	ON CONFLICT DO UPDATE SET events = events + 1, goldstein_sum = goldstein_sum + excluded.goldstein_sum;
END;
CREATE TRIGGER events_rollup_delete AFTER DELETE ON events BEGIN
	UPDATE dyad_daily SET events = events - 1, goldstein_sum = goldstein_sum - old.goldstein
	WHERE date = old.date AND source_code = old.source_code AND target_code = old.target_code
		AND root = old.root AND quad_class = old.quad_class;
	DELETE FROM dyad_daily WHERE date = old.date AND source_code = old.source_code AND target_code = old.target_code
		AND root = old.root AND quad_class = old.quad_class AND events <= 0;
END;
`,
	// 3: indexes in the API's page order (date DESC, article DESC,
	// sentence, id), so that a page reads its rows in order and stops
	// after them instead of sorting every match: all events, a source's,
	// and those placed in a country.
	`
CREATE INDEX events_page ON events(date DESC, article DESC, sentence, id);
CREATE INDEX events_source_page ON events(source_code, date DESC, article DESC, sentence, id);
CREATE INDEX events_place_page ON events(place_country, date DESC, article DESC, sentence, id);
`,
	// 3: situations, their alert rules with each rule's evaluation state,
	// the alerts they raised and the events each alert listed; and
	// event_arrivals, which numbers events in the order they are stored
	// (AUTOINCREMENT: a number is never reused, also when a re-coded
	// article's events are stored again), so that a rule can remember up
	// to where it has looked.
	`
CREATE TABLE situations (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	name        TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	actors      TEXT NOT NULL DEFAULT '[]',
	dyads       TEXT NOT NULL DEFAULT '[]',
	codes       TEXT NOT NULL DEFAULT '[]',
	plover      TEXT NOT NULL DEFAULT '[]',
	created_at  TEXT NOT NULL
);

CREATE TABLE alert_rules (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	situation     INTEGER NOT NULL REFERENCES situations(id) ON DELETE CASCADE,
	kind          TEXT NOT NULL,
	codes         TEXT NOT NULL DEFAULT '[]',
	threshold     INTEGER NOT NULL DEFAULT 0,
	window_days   INTEGER NOT NULL DEFAULT 0,
	baseline_days INTEGER NOT NULL DEFAULT 0,
	factor        REAL NOT NULL DEFAULT 0,
	webhook       TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL,
	high_water    INTEGER NOT NULL DEFAULT 0,
	firing        INTEGER NOT NULL DEFAULT 0,
	checked_at    TEXT NOT NULL DEFAULT '',
	version       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX alert_rules_situation ON alert_rules(situation);

CREATE TABLE alerts (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	rule       INTEGER NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
	situation  INTEGER NOT NULL REFERENCES situations(id) ON DELETE CASCADE,
	kind       TEXT NOT NULL,
	fired_at   TEXT NOT NULL,
	reason     TEXT NOT NULL,
	count      INTEGER NOT NULL DEFAULT 0,
	event_ids  TEXT NOT NULL DEFAULT '[]',
	delivered  INTEGER NOT NULL DEFAULT 0,
	attempts   INTEGER NOT NULL DEFAULT 0,
	last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alerts_situation ON alerts(situation, id);
CREATE INDEX alerts_rule ON alerts(rule, id);
CREATE INDEX alerts_pending ON alerts(delivered, id);

-- The events an alert of a rule listed, so that a rule never lists an
-- event twice.
CREATE TABLE alert_events (
	rule  INTEGER NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
	event TEXT NOT NULL,
	PRIMARY KEY (rule, event)
) WITHOUT ROWID;

CREATE TABLE event_arrivals (
	seq   INTEGER PRIMARY KEY AUTOINCREMENT,
	event TEXT NOT NULL UNIQUE
);
INSERT INTO event_arrivals(event) SELECT id FROM events ORDER BY rowid;
CREATE TRIGGER events_arrival_insert AFTER INSERT ON events BEGIN
	INSERT INTO event_arrivals(event) VALUES (new.id);
END;
CREATE TRIGGER events_arrival_delete AFTER DELETE ON events BEGIN
	DELETE FROM event_arrivals WHERE event = old.id;
END;
`,
	// 5: drop two indexes that later ones cover (events_page leads with
	// the date), so that storing an event updates two B-trees fewer.
	`
DROP INDEX IF EXISTS events_date;
DROP INDEX IF EXISTS events_date_id;
`,
	// 6: an event of an undated article has no date at all: precision
	// 'unknown' (it was 'article', with the zero time in its JSON).
	`
UPDATE events SET date_precision = 'unknown',
	json = json_set(json, '$.date_precision', 'unknown', '$.date', json('null'))
	WHERE date = '';
`,
}
