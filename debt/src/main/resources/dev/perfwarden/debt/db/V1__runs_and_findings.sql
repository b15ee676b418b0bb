-- The performance-debt board's tables, for SQLite and PostgreSQL alike (docs/debt.md, "The database"). Flyway
-- fills in the two types that differ (DebtStore's placeholders id, the generated run id, and ref, a column naming one).
CREATE TABLE runs (
    id           ${id},
    service      TEXT    NOT NULL,
    commit_sha   TEXT    NOT NULL,
    branch       TEXT    NOT NULL,
    recorded_ms  BIGINT  NOT NULL, -- the run's time, milliseconds since 1970-01-01T00:00:00Z
    report       TEXT    NOT NULL, -- where the report can be read (URL or file: URI)
    tool_version TEXT    NOT NULL,
    packs        TEXT    NOT NULL  -- id@version of the packs, comma-separated
);
CREATE INDEX runs_by_service_time ON runs (service, recorded_ms);

CREATE TABLE findings (
    run_id      ${ref} NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    fingerprint TEXT    NOT NULL,
    rule        TEXT    NOT NULL,
    pack        TEXT    NOT NULL,
    severity    TEXT    NOT NULL,
    symbol      TEXT    NOT NULL,
    pkg         TEXT    NOT NULL,
    file        TEXT    NOT NULL,
    line        INTEGER NOT NULL,
    cpu_share   DOUBLE PRECISION,
    alloc_share DOUBLE PRECISION,
    message     TEXT    NOT NULL
);
CREATE INDEX findings_by_run ON findings (run_id);

CREATE TABLE contract_results (
    run_id      ${ref} NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    contract    TEXT    NOT NULL,
    clause      TEXT    NOT NULL,
    verdict     TEXT    NOT NULL, -- violated, unverified or met
    measurement TEXT    NOT NULL,
    evidence    TEXT    NOT NULL
);
CREATE INDEX contract_results_by_run ON contract_results (run_id);
