-- Constellation JDBC store schema, version 1 (PostgreSQL).
-- Instants are stored as BIGINT epoch nanoseconds (UTC): exact, sortable, same in every dialect.

CREATE TABLE pipelines (
  structural_hash TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  json            TEXT NOT NULL,
  compiled_at     BIGINT NOT NULL
);

CREATE TABLE aliases (
  name            TEXT PRIMARY KEY,
  structural_hash TEXT NOT NULL REFERENCES pipelines (structural_hash) ON DELETE CASCADE
);
CREATE INDEX aliases_structural_hash_idx ON aliases (structural_hash);

CREATE TABLE syntactic_index (
  syntactic_hash  TEXT NOT NULL,
  registry_hash   TEXT NOT NULL,
  structural_hash TEXT NOT NULL,
  PRIMARY KEY (syntactic_hash, registry_hash)
);
CREATE INDEX syntactic_index_structural_hash_idx ON syntactic_index (structural_hash);

CREATE TABLE suspensions (
  handle           TEXT PRIMARY KEY,
  execution_id     TEXT NOT NULL,
  structural_hash  TEXT NOT NULL,
  resumption_count INTEGER NOT NULL,
  missing_inputs   TEXT NOT NULL,
  created_at       BIGINT NOT NULL,
  last_resumed_at  BIGINT,
  json             TEXT NOT NULL,
  claim_token      TEXT,
  claim_expires_at BIGINT
);
CREATE INDEX suspensions_structural_hash_idx ON suspensions (structural_hash, created_at);
CREATE INDEX suspensions_execution_id_idx ON suspensions (execution_id);
CREATE INDEX suspensions_resumption_count_idx ON suspensions (resumption_count);
CREATE INDEX suspensions_created_at_idx ON suspensions (created_at, handle);
