package io.constellation.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.constellation.Constellation;
import io.constellation.PipelineNotFoundException;
import io.constellation.SuspensionNotFoundException;
import io.constellation.execution.DataSignature;
import io.constellation.pipeline.PipelineImage;
import io.constellation.server.auth.ApiKeys;
import io.constellation.server.auth.Role;
import io.constellation.server.dashboard.DagSvg;
import io.constellation.server.dashboard.Dashboard;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionFilter;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.suspension.SuspensionSummary;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import io.constellation.type.PlainJson;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API (DESIGN §11) over Javalin: JSON in and out with plain-JSON values, the error shape
 * {@code {error, message, details}}, API-key auth with roles, per-client rate limiting, a body
 * limit checked before the body is read, health, Prometheus metrics and the dashboard.
 *
 * <p>Thread-safety: requests are served concurrently on virtual threads; {@link #startDraining()}
 * and {@link #stop()} may be called from any thread.
 */
public final class HttpApi implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String ROLE_ATTR = "constellation.role";

  private final Constellation engine;
  private final SourceCompiler compiler;
  private final ApiSettings settings;
  private final RunningExecutions running;
  private final RunHistory history;
  private final ObjectMapper mapper = new ObjectMapper();
  private final BodyReader bodies;
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean ready = new AtomicBoolean();
  private final Dashboard dashboard = new Dashboard();
  private Javalin app;

  /**
   * @param engine the engine (its listeners must include {@code running})
   * @param compiler compiles source for {@code /compile} and {@code /run}
   * @param running the listener registered on {@code engine} that tracks running executions
   */
  public HttpApi(
      Constellation engine,
      SourceCompiler compiler,
      ApiSettings settings,
      RunningExecutions running) {
    this.engine = requireNonNull(engine, "engine");
    this.compiler = requireNonNull(compiler, "compiler");
    this.settings = requireNonNull(settings, "settings");
    this.running = requireNonNull(running, "running");
    this.history = new RunHistory(settings.recentRuns());
    this.bodies = new BodyReader(settings.maxBodyBytes(), mapper);
  }

  /** Starts listening; returns this. */
  public HttpApi start() {
    app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.concurrency.useVirtualThreads = true;
              config.http.maxRequestSize = settings.maxBodyBytes();
              config.router.ignoreTrailingSlashes = true;
              config.jetty.modifyServer(
                  s -> {
                    s.setStopTimeout(Duration.ofSeconds(30).toMillis());
                    s.setErrorHandler(new JsonErrorHandler());
                  });
              // Our own connector so bursts of connections queue instead of being reset
              // (the JVM's default accept backlog is 50).
              config.jetty.addConnector(
                  (server, httpConfig) -> {
                    ServerConnector c =
                        new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                    c.setHost(settings.host());
                    c.setPort(settings.port());
                    c.setAcceptQueueSize(4096);
                    return c;
                  });
              config.routes.before(this::guard);
              routes(config.routes);
              config.routes.exception(
                  HttpResponseException.class, (e, ctx) -> respondError(ctx, mapHttp(e)));
              config.routes.exception(Exception.class, (e, ctx) -> respondError(ctx, e));
            });
    app.start();
    ready.set(true);
    return this;
  }

  /** The bound port. */
  public int port() {
    return app.port();
  }

  /** New runs get 503 from now on; in-flight requests continue. {@code /health/ready} turns 503. */
  public void startDraining() {
    draining.set(true);
  }

  public boolean isDraining() {
    return draining.get();
  }

  /** Stops the HTTP server (waiting for in-flight requests, up to Jetty's stop timeout). */
  public void stop() {
    ready.set(false);
    if (app != null) {
      app.stop();
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Runs remembered for the dashboard (newest first). */
  public RunHistory history() {
    return history;
  }

  // ---------------------------------------------------------------------------------------------
  // Routes

  private void routes(io.javalin.config.RoutesConfig r) {
    r.get("/health", ctx -> json(ctx, 200, health()));
    r.get("/health/live", ctx -> json(ctx, 200, F.objectNode().put("status", "live")));
    r.get(
        "/health/ready",
        ctx -> {
          if (!ready.get() || draining.get()) {
            throw new ApiException(
                503, "draining", "the server is not ready (shutting down)", List.of());
          }
          json(ctx, 200, F.objectNode().put("status", "ready"));
        });
    r.get("/metrics", this::metrics);

    r.get("/", ctx -> dashboard.index(ctx));
    r.get("/dashboard/{file}", ctx -> dashboard.asset(ctx, ctx.pathParam("file")));

    r.post("/compile", this::compile);
    r.post("/run", this::runSource);
    r.post("/execute", this::execute);

    r.get("/pipelines", this::listPipelines);
    r.get(
        "/pipelines/{ref}",
        ctx ->
            json(
                ctx,
                200,
                Views.pipelineDetail(
                    image(ctx.pathParam("ref")), aliasesOf(image(ctx.pathParam("ref"))))));
    r.get("/pipelines/{ref}/dag.svg", this::dagSvg);
    r.delete("/pipelines/{ref}", this::deletePipeline);
    r.put("/pipelines/{name}/alias", this::alias);

    r.get("/executions", this::listSuspended);
    r.get("/executions/recent", this::recent);
    r.get("/executions/running", this::runningNow);
    r.get("/executions/{id}", this::getExecution);
    r.delete("/executions/{id}", this::deleteExecution);
    r.post("/executions/{id}/resume", this::resume);

    r.get(
        "/modules",
        ctx -> {
          ArrayNode a = F.arrayNode();
          engine.getModules().forEach(m -> a.add(Views.module(m)));
          json(ctx, 200, a);
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Guard: body limit, auth, draining, rate limit

  private static boolean isPublic(String path) {
    return path.equals("/")
        || path.equals("/health")
        || path.startsWith("/health/")
        || path.equals("/metrics")
        || path.startsWith("/dashboard/")
        || path.equals("/favicon.ico");
  }

  private static Role required(HandlerType method, String path) {
    if (method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS) {
      return Role.READ;
    }
    if (method == HandlerType.DELETE || method == HandlerType.PUT) {
      return Role.ADMIN;
    }
    return Role.EXECUTE;
  }

  private void guard(Context ctx) {
    String path = ctx.path();
    bodies.checkDeclaredLength(ctx);
    if (isPublic(path)) {
      return;
    }
    String client = "ip:" + ctx.ip();
    ApiKeys keys = settings.apiKeys();
    if (keys.enabled()) {
      String key = presentedKey(ctx);
      if (key == null) {
        ctx.header("WWW-Authenticate", "Bearer");
        throw new ApiException(
            401,
            "unauthorized",
            "an API key is required (Authorization: Bearer KEY or X-API-Key)",
            List.of());
      }
      Role role =
          keys.authenticate(key)
              .orElseThrow(
                  () -> {
                    ctx.header("WWW-Authenticate", "Bearer");
                    return new ApiException(
                        401, "unauthorized", "the API key is not valid", List.of());
                  });
      Role need = required(ctx.method(), path);
      if (!role.allows(need)) {
        throw new ApiException(
            403,
            "forbidden",
            "this key has role "
                + role.label()
                + "; "
                + ctx.method()
                + " "
                + path
                + " needs "
                + need.label(),
            List.of());
      }
      ctx.attribute(ROLE_ATTR, role);
      client = "key:" + ApiKeys.fingerprint(key);
    }
    if (draining.get() && ctx.method() == HandlerType.POST) {
      throw new ApiException(
          503, "draining", "the server is shutting down and takes no new runs", List.of());
    }
    if (settings.rateLimiter().isPresent()) {
      Duration wait = settings.rateLimiter().get().acquire(client);
      if (!wait.isZero()) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        throw new ApiException(
            new ApiError(
                429, "rate_limited", "too many requests; retry after " + seconds + " s", List.of()),
            Optional.of(Duration.ofSeconds(seconds)));
      }
    }
  }

  private static String presentedKey(Context ctx) {
    String auth = ctx.header("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String k = auth.substring(7).strip();
      return k.isEmpty() ? null : k;
    }
    String k = ctx.header("X-API-Key");
    return k == null || k.isBlank() ? null : k.strip();
  }

  // ---------------------------------------------------------------------------------------------
  // Handlers

  private ObjectNode health() {
    ObjectNode o = F.objectNode();
    o.put("status", draining.get() ? "draining" : "ok");
    o.put("modules", engine.getModules().size());
    o.put("running", running.snapshot().size());
    o.put("auth", settings.apiKeys().enabled());
    return o;
  }

  private void metrics(Context ctx) {
    if (settings.prometheus().isEmpty()) {
      throw ApiException.notFound("Prometheus metrics are off (start with --metrics prometheus)");
    }
    ctx.status(200)
        .contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(settings.prometheus().get().get());
  }

  private void compile(Context ctx) {
    ObjectNode body = bodies.jsonObject(ctx);
    String source = requiredText(body, "source");
    String name = requiredText(body, "name");
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.\\-]*")) {
      throw ApiException.badRequest(
          "name: '" + name + "' is not a valid pipeline name (letters, digits, '_', '-', '.')");
    }
    PipelineImage image = compiler.compile(source, name, true);
    json(ctx, 200, Views.pipelineDetail(image, aliasesOf(image)));
  }

  private void runSource(Context ctx) {
    ObjectNode body = bodies.jsonObject(ctx);
    String source = requiredText(body, "source");
    String name = body.hasNonNull("name") ? body.get("name").asText() : "adhoc";
    PipelineImage image = compiler.compile(source, name, false);
    run(ctx, image, body.get("inputs"), "run");
  }

  private void execute(Context ctx) {
    ObjectNode body = bodies.jsonObject(ctx);
    String ref = requiredText(body, "ref");
    run(ctx, image(ref), body.get("inputs"), "execute");
  }

  private void run(Context ctx, PipelineImage image, JsonNode inputsJson, String kind) {
    Map<String, CValue> inputs =
        PlainJson.readInputs(
            inputsJson == null ? F.objectNode() : inputsJson, image.dag().inputs());
    Instant started = settings.clock().instant();
    long t0 = System.nanoTime();
    DataSignature result = engine.run(image, inputs);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    history.add(
        new RunHistory.Entry(
            result.executionId(),
            image.name(),
            kind,
            result.status(),
            started,
            ms,
            result.suspensionHandle().map(SuspensionHandle::id)));
    json(ctx, 200, Views.signature(result, image.name(), ms));
  }

  private void listPipelines(Context ctx) {
    Map<String, List<String>> aliases = aliasesByHash();
    ArrayNode a = F.arrayNode();
    for (PipelineImage image : engine.pipelineStore().listImages()) {
      a.add(Views.pipelineSummary(image, aliases.getOrDefault(image.structuralHash(), List.of())));
    }
    json(ctx, 200, a);
  }

  private void dagSvg(Context ctx) {
    PipelineImage image = image(ctx.pathParam("ref"));
    ctx.status(200).contentType("image/svg+xml; charset=utf-8").result(DagSvg.render(image.dag()));
  }

  private void deletePipeline(Context ctx) {
    PipelineImage image = image(ctx.pathParam("ref"));
    boolean removed = engine.pipelineStore().remove(image.structuralHash());
    if (!removed) {
      throw ApiException.notFound("pipeline '" + ctx.pathParam("ref") + "' not found");
    }
    json(ctx, 200, F.objectNode().put("deleted", image.structuralHash()));
  }

  private void alias(Context ctx) {
    String name = ctx.pathParam("name");
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.\\-]*")) {
      throw ApiException.badRequest(
          "'" + name + "' is not a valid alias (letters, digits, '_', '-', '.')");
    }
    ObjectNode body = bodies.jsonObject(ctx);
    String target =
        body.hasNonNull("structuralHash")
            ? body.get("structuralHash").asText()
            : body.hasNonNull("ref") ? body.get("ref").asText() : null;
    if (target == null) {
      throw ApiException.badRequest("structuralHash: required (or ref)");
    }
    PipelineImage image = image(target);
    engine.pipelineStore().alias(name, image.structuralHash());
    json(ctx, 200, F.objectNode().put("alias", name).put("structuralHash", image.structuralHash()));
  }

  private void listSuspended(Context ctx) {
    SuspensionFilter filter = SuspensionFilter.all();
    String pipeline = ctx.queryParam("pipeline");
    if (pipeline != null && !pipeline.isBlank()) {
      filter = filter.withStructuralHash(image(pipeline).structuralHash());
    }
    Map<String, String> names = new HashMap<>();
    ArrayNode a = F.arrayNode();
    for (SuspensionSummary s : engine.suspensionStore().list(filter)) {
      String name =
          names.computeIfAbsent(
              s.structuralHash(),
              h ->
                  engine
                      .pipelineStore()
                      .get(h)
                      .map(PipelineImage::name)
                      .or(
                          () ->
                              engine.suspensionStore().load(s.handle()).map(x -> x.image().name()))
                      .orElse("?"));
      a.add(Views.suspensionSummary(s, name));
    }
    json(ctx, 200, a);
  }

  private void recent(Context ctx) {
    int limit = intQuery(ctx, "limit", 50, 1, 10_000);
    ArrayNode a = F.arrayNode();
    history.recent(limit).forEach(e -> a.add(Views.history(e)));
    json(ctx, 200, a);
  }

  private void runningNow(Context ctx) {
    Instant now = settings.clock().instant();
    ArrayNode a = F.arrayNode();
    running.snapshot().forEach(r -> a.add(Views.running(r, now)));
    json(ctx, 200, a);
  }

  private void getExecution(Context ctx) {
    String id = ctx.pathParam("id");
    Optional<SuspendedExecution> s = engine.suspensionStore().load(new SuspensionHandle(id));
    if (s.isPresent()) {
      json(ctx, 200, Views.suspensionDetail(id, s.get()));
      return;
    }
    Optional<RunHistory.Entry> e = parseUuid(id).flatMap(history::find);
    if (e.isPresent()) {
      json(ctx, 200, Views.history(e.get()));
      return;
    }
    throw ApiException.notFound(
        "execution '" + id + "' not found (no suspension or recent run has that id)");
  }

  private void deleteExecution(Context ctx) {
    String id = ctx.pathParam("id");
    if (!engine.suspensionStore().delete(new SuspensionHandle(id))) {
      throw ApiException.notFound("suspended execution '" + id + "' not found");
    }
    json(ctx, 200, F.objectNode().put("deleted", id));
  }

  private void resume(Context ctx) {
    String id = ctx.pathParam("id");
    ObjectNode body = bodies.jsonObject(ctx);
    SuspensionHandle handle = new SuspensionHandle(id);
    SuspendedExecution s =
        engine
            .suspensionStore()
            .load(handle)
            .orElseThrow(
                () ->
                    new SuspensionNotFoundException("suspended execution '" + id + "' not found"));
    Map<String, CValue> additional =
        body.has("additionalInputs")
            ? PlainJson.readInputs(body.get("additionalInputs"), s.image().dag().inputs())
            : Map.of();
    Map<String, CValue> resolved = Map.of();
    if (body.has("resolvedNodes")) {
      Map<String, CType> nodeTypes = new LinkedHashMap<>();
      s.image().dag().dataNodes().forEach((k, v) -> nodeTypes.put(k, v.type()));
      resolved = PlainJson.readInputs(body.get("resolvedNodes"), nodeTypes);
    }
    Instant started = settings.clock().instant();
    long t0 = System.nanoTime();
    DataSignature result =
        engine.resume(
            handle, additional, resolved, io.constellation.execution.ExecutionOptions.DEFAULT);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    history.add(
        new RunHistory.Entry(
            result.executionId(),
            s.image().name(),
            "resume",
            result.status(),
            started,
            ms,
            result.suspensionHandle().map(SuspensionHandle::id)));
    json(ctx, 200, Views.signature(result, s.image().name(), ms));
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private PipelineImage image(String ref) {
    Optional<PipelineImage> found;
    if (ref.startsWith("sha256:")) {
      found = engine.pipelineStore().get(ref.substring("sha256:".length()));
    } else {
      String name =
          ref.endsWith(":latest") ? ref.substring(0, ref.length() - ":latest".length()) : ref;
      found = engine.pipelineStore().getByName(name);
      if (found.isEmpty() && name.matches("[0-9a-f]{64}")) {
        found = engine.pipelineStore().get(name);
      }
    }
    return found.orElseThrow(
        () -> new PipelineNotFoundException("pipeline '" + ref + "' not found"));
  }

  private Map<String, List<String>> aliasesByHash() {
    Map<String, List<String>> out = new HashMap<>();
    engine
        .pipelineStore()
        .listAliases()
        .forEach((a, h) -> out.computeIfAbsent(h, k -> new ArrayList<>()).add(a));
    return out;
  }

  private List<String> aliasesOf(PipelineImage image) {
    return aliasesByHash().getOrDefault(image.structuralHash(), List.of());
  }

  private static String requiredText(ObjectNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      throw ApiException.badRequest(field + ": required");
    }
    if (!n.isTextual()) {
      throw ApiException.badRequest(field + ": expected a string but was " + BodyReader.kind(n));
    }
    if (n.asText().isBlank()) {
      throw ApiException.badRequest(field + ": must not be empty");
    }
    return n.asText();
  }

  private static int intQuery(Context ctx, String name, int dflt, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw ApiException.badRequest(name + ": must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + ": expected a whole number but was '" + v + "'");
    }
  }

  private static Optional<UUID> parseUuid(String s) {
    try {
      return Optional.of(UUID.fromString(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private void json(Context ctx, int status, JsonNode body) {
    try {
      ctx.status(status).contentType("application/json").result(mapper.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static ApiError mapHttp(HttpResponseException e) {
    int status = e.getStatus();
    String code =
        switch (status) {
          case 404 -> "not_found";
          case 405 -> "method_not_allowed";
          case 413 -> "payload_too_large";
          default -> status >= 500 ? "internal" : "bad_request";
        };
    String message = status == 404 ? "no such endpoint" : e.getMessage();
    return new ApiError(status, code, message == null ? code : message, List.of());
  }

  private void respondError(Context ctx, Exception e) {
    respondError(ctx, ErrorMapper.map(e));
    if (e instanceof ApiException api) {
      api.retryAfter().ifPresent(d -> ctx.header("Retry-After", Long.toString(d.toSeconds())));
    }
  }

  private void respondError(Context ctx, ApiError err) {
    ObjectNode o = F.objectNode();
    o.put("error", err.error());
    o.put("message", err.message());
    o.set("details", Views.strings(err.details()));
    if (err.status() >= 500 && err.status() != 503) {
      log.debug("{} {} -> {}", ctx.method(), ctx.path(), err.status());
    }
    json(ctx, err.status(), o);
  }
}
