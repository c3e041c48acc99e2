/** Pipelines: the DAG model, call options, the Java builder, images and their hashes. */
@NullMarked
package io.constellation.pipeline;

import org.jspecify.annotations.NullMarked;
