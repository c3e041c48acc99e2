/**
 * Values and types ({@link io.constellation.type.CValue}, {@link io.constellation.type.CType}) and
 * their JSON forms.
 */
@NullMarked
package io.constellation.type;

import org.jspecify.annotations.NullMarked;
