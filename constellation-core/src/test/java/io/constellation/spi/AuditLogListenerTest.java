package io.constellation.spi;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditLogListenerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2025-06-07T08:09:10.123Z");

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private AuditLogListener listener;
  private final UUID run = UUID.fromString("00000000-0000-0000-0000-000000000001");
  private final UUID mod = UUID.fromString("00000000-0000-0000-0000-000000000002");

  @BeforeEach
  void captureAPrivateLogger() {
    Logger logger = new LoggerContext().getLogger("audit-test");
    logger.setLevel(Level.INFO);
    appender.start();
    logger.addAppender(appender);
    listener = AuditLogListener.create(logger).withClock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private JsonNode onlyLine() throws Exception {
    assertThat(appender.list).hasSize(1);
    ILoggingEvent e = appender.list.get(0);
    assertThat(e.getLevel()).isEqualTo(Level.INFO);
    String text = e.getFormattedMessage();
    assertThat(text).doesNotContain("\n").doesNotContain("\r");
    return JSON.readTree(text);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void executionStartWritesEventTimestampIdAndDagName() throws Exception {
    listener.onExecutionStart(run, "scoring");
    JsonNode n = onlyLine();
    assertThat(fieldNames(n)).containsExactly("event", "ts", "executionId", "dagName");
    assertThat(n.get("event").asText()).isEqualTo("executionStart");
    assertThat(n.get("ts").asText()).isEqualTo("2025-06-07T08:09:10.123Z");
    assertThat(n.get("executionId").asText()).isEqualTo(run.toString());
    assertThat(n.get("dagName").asText()).isEqualTo("scoring");
  }

  @Test
  void moduleCompleteWritesModuleAndDuration() throws Exception {
    listener.onModuleComplete(run, mod, "tck.upper", 42);
    JsonNode n = onlyLine();
    assertThat(fieldNames(n))
        .containsExactly("event", "ts", "executionId", "moduleId", "moduleName", "durationMs");
    assertThat(n.get("moduleName").asText()).isEqualTo("tck.upper");
    assertThat(n.get("moduleId").asText()).isEqualTo(mod.toString());
    assertThat(n.get("durationMs").asLong()).isEqualTo(42);
  }

  @Test
  void executionCompleteWritesSucceededAndDuration() throws Exception {
    listener.onExecutionComplete(run, "scoring", false, 1234);
    JsonNode n = onlyLine();
    assertThat(n.get("event").asText()).isEqualTo("executionComplete");
    assertThat(n.get("succeeded").isBoolean()).isTrue();
    assertThat(n.get("succeeded").asBoolean()).isFalse();
    assertThat(n.get("durationMs").asLong()).isEqualTo(1234);
  }

  @Test
  void moduleFailedWritesTheErrorClassAndMessageOnOneLine() throws Exception {
    listener.onModuleFailed(
        run, mod, "tck.score", new IllegalStateException("bad \"input\"\nsecond line\r\nthird"));
    JsonNode n = onlyLine();
    assertThat(n.get("error").asText())
        .isEqualTo("java.lang.IllegalStateException: bad \"input\" second line third");
  }

  @Test
  void anErrorWithoutMessageIsItsClassName() throws Exception {
    listener.onModuleFailed(run, mod, "m", new NullPointerException());
    assertThat(onlyLine().get("error").asText()).isEqualTo("java.lang.NullPointerException");
  }

  @Test
  void aHugeErrorMessageIsCut() throws Exception {
    listener.onModuleFailed(run, mod, "m", new RuntimeException("x".repeat(100_000)));
    String error = onlyLine().get("error").asText();
    assertThat(error).hasSize(AuditLogListener.MAX_ERROR_CHARS + 3).endsWith("...");
  }

  @Test
  void suspendedWritesSortedMissingInputs() throws Exception {
    listener.onExecutionSuspended(run, "scoring", new LinkedHashSet<>(List.of("z", "a", "m")));
    JsonNode n = onlyLine();
    assertThat(n.get("event").asText()).isEqualTo("executionSuspended");
    assertThat(n.get("missingInputs").toString()).isEqualTo("[\"a\",\"m\",\"z\"]");
  }

  @Test
  void cancelledAndCacheHitAreWritten() throws Exception {
    listener.onExecutionCancelled(run, "scoring");
    listener.onModuleCacheHit(run, mod, "tck.upper");
    assertThat(appender.list).hasSize(2);
    assertThat(JSON.readTree(appender.list.get(0).getFormattedMessage()).get("event").asText())
        .isEqualTo("executionCancelled");
    assertThat(JSON.readTree(appender.list.get(1).getFormattedMessage()).get("event").asText())
        .isEqualTo("moduleCacheHit");
  }

  @Test
  void nullArgumentsBecomeJsonNulls() throws Exception {
    listener.onModuleFailed(null, null, null, null);
    JsonNode n = onlyLine();
    assertThat(n.get("executionId").isNull()).isTrue();
    assertThat(n.get("moduleName").isNull()).isTrue();
    assertThat(n.get("error").isNull()).isTrue();
    listener.onExecutionSuspended(run, "d", null);
  }

  @Test
  void controlCharactersAndUnicodeInNamesAreEscapedIntoValidJson() throws Exception {
    String name = "tab\there \"quoted\" back\\slash \u0001 \u65e5\u672c \uD83D\uDE80\nnext";
    listener.onExecutionStart(run, name);
    assertThat(onlyLine().get("dagName").asText()).isEqualTo(name);
  }

  @Test
  void nothingIsFormattedWhenInfoIsOff() {
    Logger quiet = new LoggerContext().getLogger("quiet");
    quiet.setLevel(Level.WARN);
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    quiet.addAppender(seen);
    AuditLogListener.create(quiet).onExecutionStart(run, "d");
    assertThat(seen.list).isEmpty();
  }

  @Test
  void theDefaultLoggerIsConstellationAudit() {
    assertThat(AuditLogListener.create().toString()).contains("constellation.audit");
    assertThat(Set.of(AuditLogListener.LOGGER_NAME)).containsExactly("constellation.audit");
  }
}
