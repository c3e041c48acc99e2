/** The dashboard served at {@code /}: pages and the DAG picture. */
@NullMarked
package io.constellation.server.dashboard;

import org.jspecify.annotations.NullMarked;
