/**
 * The constellation-lang compiler: source text to {@link io.constellation.pipeline.PipelineImage},
 * and the stdlib modules.
 */
@NullMarked
package io.constellation.lang;

import org.jspecify.annotations.NullMarked;
