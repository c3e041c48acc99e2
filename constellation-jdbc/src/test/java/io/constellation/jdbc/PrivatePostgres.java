package io.constellation.jdbc;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link PostgresServer} for one test class, as a JUnit extension on a static field: started
 * before all tests, the stores a test opened closed after it, stopped after all tests. Not
 * thread-safe: JUnit calls the callbacks one at a time.
 */
final class PrivatePostgres implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
  private @Nullable PostgresServer server;

  PostgresServer server() {
    return Objects.requireNonNull(server, "PostgreSQL not started");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = PostgresServer.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (server != null) {
      server.closeStores();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
