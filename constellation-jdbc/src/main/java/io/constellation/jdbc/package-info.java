/**
 * {@link io.constellation.PipelineStore} and {@link io.constellation.SuspensionStore} on PostgreSQL
 * and SQLite, with versioned migrations.
 */
@NullMarked
package io.constellation.jdbc;

import org.jspecify.annotations.NullMarked;
