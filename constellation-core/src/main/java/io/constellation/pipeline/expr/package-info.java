/**
 * Built-in expression nodes (field access, arithmetic, conditionals, literals) evaluated by the
 * engine.
 */
@NullMarked
package io.constellation.pipeline.expr;

import org.jspecify.annotations.NullMarked;
