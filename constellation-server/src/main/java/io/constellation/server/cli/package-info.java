/** The {@code constellation} command line. */
@NullMarked
package io.constellation.server.cli;

import org.jspecify.annotations.NullMarked;
