package io.constellation.server.dashboard;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the dashboard: plain HTML, CSS and JavaScript from {@code /dashboard/} on the class path
 * (no build step). The page talks to the JSON API.
 *
 * <p>Thread-safety: safe for concurrent use (assets are cached after the first read).
 */
public final class Dashboard {
  private static final Pattern NAME = Pattern.compile("[a-z0-9_\\-]+\\.(js|css|svg|html)");
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  /** {@code GET /}. */
  public void index(Context ctx) {
    serve(ctx, "index.html");
  }

  /** {@code GET /dashboard/{file}}; 404 for anything not shipped. */
  public void asset(Context ctx, String file) {
    if (!NAME.matcher(file).matches()) {
      throw new io.constellation.server.http.ApiException(
          404, "not_found", "no such file", java.util.List.of());
    }
    serve(ctx, file);
  }

  private void serve(Context ctx, String file) {
    byte[] body = cache.get(file);
    if (body == null) {
      body = load(file); // outside any map lock: class-path reads are I/O
      cache.putIfAbsent(file, body);
    }
    if (body.length == 0) {
      throw new io.constellation.server.http.ApiException(
          404, "not_found", "no such file", java.util.List.of());
    }
    String type =
        switch (file.substring(file.lastIndexOf('.') + 1)) {
          case "js" -> "text/javascript; charset=utf-8";
          case "css" -> "text/css; charset=utf-8";
          case "svg" -> "image/svg+xml";
          default -> "text/html; charset=utf-8";
        };
    ctx.status(200).contentType(type).header("Cache-Control", "no-cache").result(body);
  }

  private static byte[] load(String file) {
    try (InputStream in = Dashboard.class.getResourceAsStream("/dashboard/" + file)) {
      return in == null ? new byte[0] : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
