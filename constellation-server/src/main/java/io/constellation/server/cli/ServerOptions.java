package io.constellation.server.cli;

import picocli.CommandLine.Option;

/** The options of every command that talks to a running server (a picocli mixin). */
final class ServerOptions {
  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "server URL (default http://localhost:8080, or CONSTELLATION_SERVER)")
  String server;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description = "API key (or CONSTELLATION_API_KEY)")
  String apiKey;

  ServerClient client() {
    return ServerClient.of(server, apiKey);
  }
}
