package io.constellation.tck.process;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension around a private server (usually a {@link ServerProcess} plus a client on it):
 * registered with {@code @RegisterExtension} on a static field it runs {@link #start()} before all
 * tests of the class and {@link #stop()} after them; on an instance field, around each test.
 *
 * <p>Not thread-safe: JUnit calls the callbacks one at a time. {@link #stop()} is called even when
 * {@link #start()} failed half-way, so it must tolerate what was not started.
 */
public abstract class ServerExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private boolean perClass;

  /** Starts the server (and whatever the tests use on it); blocks until it is usable. */
  protected abstract void start();

  /** Stops what {@link #start()} started; blocks until it is gone. */
  protected abstract void stop();

  @Override
  public final void beforeAll(ExtensionContext context) {
    perClass = true;
    start();
  }

  @Override
  public final void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public final void beforeEach(ExtensionContext context) {
    if (!perClass) {
      start();
    }
  }

  @Override
  public final void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }
}
