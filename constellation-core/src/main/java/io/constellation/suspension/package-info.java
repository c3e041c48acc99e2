/** Suspended runs: snapshots, handles, summaries, filters, claims and their codec. */
@NullMarked
package io.constellation.suspension;

import org.jspecify.annotations.NullMarked;
