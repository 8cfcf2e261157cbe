"""The DuckDB schema of the store, as numbered migrations.

Each migration is applied once, in order, and recorded in ``schema_version``; a store made
by an older dyad is brought up to date when it is opened. Every table that holds what the
pipeline found is keyed by the article id and an index within the article, so a record can
always be traced back to its article and offsets.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: articles and everything extracted from them; fused events for cross-article stories.
    """
    CREATE TABLE articles (
        id          VARCHAR PRIMARY KEY,      -- sha256 of the normalised text
        source      VARCHAR NOT NULL,         -- where it was first read from
        title       VARCHAR,
        authors     VARCHAR[] NOT NULL,
        published   DATE,
        published_inferred BOOLEAN NOT NULL DEFAULT FALSE,
        url         VARCHAR,
        outlet      VARCHAR,
        text        VARCHAR NOT NULL,
        n_chars     INTEGER NOT NULL,
        ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    );
    CREATE TABLE article_sources (            -- every file/URL an article was read from
        article_id  VARCHAR NOT NULL,
        source      VARCHAR NOT NULL,
        PRIMARY KEY (article_id, source)
    );
    CREATE TABLE entities (
        article_id  VARCHAR NOT NULL,
        idx         INTEGER NOT NULL,
        entity_id   VARCHAR,                  -- actor knowledge-base id, NULL if unknown
        name        VARCHAR NOT NULL,
        type        VARCHAR NOT NULL,
        country     VARCHAR,
        role        VARCHAR,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE mentions (
        article_id  VARCHAR NOT NULL,
        entity_idx  INTEGER NOT NULL,
        start       INTEGER NOT NULL,
        "end"       INTEGER NOT NULL
    );
    CREATE TABLE quotes (
        article_id  VARCHAR NOT NULL,
        idx         INTEGER NOT NULL,
        text        VARCHAR NOT NULL,
        start       INTEGER NOT NULL,
        "end"       INTEGER NOT NULL,
        kind        VARCHAR NOT NULL,
        cue         VARCHAR,
        speaker_id  VARCHAR,
        speaker_name VARCHAR,
        content_start INTEGER,                -- the whole reported content (Quote.content)
        content_end INTEGER,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE timexes (
        article_id  VARCHAR NOT NULL,
        idx         INTEGER NOT NULL,
        text        VARCHAR NOT NULL,
        start       INTEGER NOT NULL,
        "end"       INTEGER NOT NULL,
        type        VARCHAR NOT NULL,
        value       VARCHAR,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE events (
        article_id  VARCHAR NOT NULL,
        idx         INTEGER NOT NULL,
        type        VARCHAR NOT NULL,
        mode        VARCHAR,
        cameo       VARCHAR,
        actors      JSON NOT NULL,            -- [{"id", "name"}]
        recipients  JSON NOT NULL,
        date_value  VARCHAR,                  -- YYYY, YYYY-MM or YYYY-MM-DD
        date_text   VARCHAR,
        location    JSON,
        status      VARCHAR NOT NULL,
        trigger     VARCHAR NOT NULL,
        sent_start  INTEGER NOT NULL,
        sent_end    INTEGER NOT NULL,
        fused_id    VARCHAR,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE fused_events (
        id          VARCHAR PRIMARY KEY,
        type        VARCHAR NOT NULL,
        status      VARCHAR NOT NULL,
        date_value  VARCHAR,
        location    JSON,
        actors      JSON NOT NULL,
        recipients  JSON NOT NULL,
        summary     VARCHAR,
        n_sources   INTEGER NOT NULL
    );
    """,
    # 2: cross-article fusion (dyad.stories): running aggregates of each fused event, the
    # block index (participants+family, month) that keeps fusion near-linear, mentions of
    # undated articles waiting for a date, and where an event's date expression sits.
    """
    ALTER TABLE fused_events ADD COLUMN family VARCHAR;
    ALTER TABLE fused_events ADD COLUMN block_key VARCHAR;        -- family:ids or family:a>r
    ALTER TABLE fused_events ADD COLUMN participants VARCHAR[];
    ALTER TABLE fused_events ADD COLUMN date_lo DATE;             -- days all sources allow
    ALTER TABLE fused_events ADD COLUMN date_hi DATE;
    ALTER TABLE fused_events ADD COLUMN date_inferred BOOLEAN;    -- no source gave a date
    ALTER TABLE fused_events ADD COLUMN best_value VARCHAR;       -- most precise source date
    ALTER TABLE fused_events ADD COLUMN occurred_report DATE;     -- status aggregates
    ALTER TABLE fused_events ADD COLUMN plan_status VARCHAR;
    ALTER TABLE fused_events ADD COLUMN plan_report DATE;
    ALTER TABLE fused_events ADD COLUMN weak_status VARCHAR;
    ALTER TABLE fused_events ADD COLUMN places JSON;              -- {"name|country": votes}
    ALTER TABLE fused_events ADD COLUMN articles VARCHAR[];
    ALTER TABLE fused_events ADD COLUMN n_mentions INTEGER;
    ALTER TABLE fused_events ADD COLUMN first_reported DATE;
    CREATE TABLE fused_blocks (
        block_key   VARCHAR NOT NULL,
        month       VARCHAR NOT NULL,         -- YYYY-MM the event's date interval touches
        fused_id    VARCHAR NOT NULL
    );
    CREATE TABLE pending_mentions (           -- undated mentions of undated articles
        article_id  VARCHAR NOT NULL,
        idx         INTEGER NOT NULL,
        block_key   VARCHAR NOT NULL,
        PRIMARY KEY (article_id, idx)
    );
    ALTER TABLE events ADD COLUMN date_start INTEGER;
    ALTER TABLE events ADD COLUMN date_end INTEGER;
    """,
    # 3: who takes part in each fused event, one row per (actor, fused event), kept by fusion
    # in the same transaction as fused_events; indexed by actor, so an actor's or a pair's
    # timeline reads only its own fused events; events found by fused event through an index.
    # Filled from the store's existing fused events.
    """
    CREATE TABLE fused_participants (
        actor_id    VARCHAR NOT NULL,
        fused_id    VARCHAR NOT NULL
    );
    INSERT INTO fused_participants
        SELECT DISTINCT actor_id, fused_id FROM (
            SELECT unnest(participants) AS actor_id, id AS fused_id FROM fused_events
        ) WHERE actor_id IS NOT NULL ORDER BY actor_id, fused_id;
    CREATE INDEX fused_participants_actor ON fused_participants (actor_id);
    CREATE INDEX events_fused_id ON events (fused_id);
    """,
    # 4: every two actors taking part in a fused event, one row per (pair, fused event), kept
    # by fusion with fused_participants; indexed by the pair, so the timeline of two actors
    # reads only their shared fused events. fused_participants alone made it scan both
    # actors' rows: an actor in ~1 in 70 events has more than DuckDB fetches through an
    # index (2,048 rows), so a pair of them in a 1M-event store scanned 1.7M rows twice.
    # The pair is "a<US>b", the two ids in order joined by the unit separator (chr(31)),
    # because DuckDB answers only single-column equality through an index. Filled from the
    # store's existing fused events.
    """
    CREATE TABLE fused_pairs (
        pair        VARCHAR NOT NULL,
        fused_id    VARCHAR NOT NULL
    );
    INSERT INTO fused_pairs
        SELECT a.actor_id || chr(31) || b.actor_id, a.fused_id
        FROM fused_participants a JOIN fused_participants b
            ON a.fused_id = b.fused_id AND a.actor_id < b.actor_id
        ORDER BY 1, 2;
    CREATE INDEX fused_pairs_pair ON fused_pairs (pair);
    """,
    # 5: fusion finds a batch's candidates in fused_events itself (same block key, days
    # overlapping a mention's, within the batch's dates: dyad.store.fusing.load_candidates),
    # so the (block, month) index of migration 2 is no longer read; it cost an insert per
    # month of every fused event written and a delete per rewrite.
    """
    DROP TABLE IF EXISTS fused_blocks;
    """,
)
