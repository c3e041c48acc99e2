package io.constellation.micrometer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small parser for the Prometheus text exposition format (0.0.4): {@code # TYPE} lines and
 * samples {@code name{k="v",...} value}. Enough to check what a scrape exposes.
 */
final class PrometheusText {
  record Sample(String name, Map<String, String> labels, double value) {}

  final Map<String, String> types = new LinkedHashMap<>();
  final List<Sample> samples = new ArrayList<>();

  static PrometheusText parse(String text) {
    PrometheusText out = new PrometheusText();
    int lineNo = 0;
    for (String line : text.split("\n")) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.substring(7).trim().split(" ");
        if (parts.length != 2) {
          throw new IllegalArgumentException("line " + lineNo + ": bad TYPE line: " + line);
        }
        out.types.put(parts[0], parts[1]);
      } else if (!line.startsWith("#")) {
        out.samples.add(parseSample(line, lineNo));
      }
    }
    return out;
  }

  private static Sample parseSample(String line, int lineNo) {
    int brace = line.indexOf('{');
    int space;
    String name;
    Map<String, String> labels = new LinkedHashMap<>();
    if (brace >= 0 && brace < line.indexOf(' ')) {
      name = line.substring(0, brace);
      int i = brace + 1;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        String key = line.substring(i, eq);
        if (line.charAt(eq + 1) != '"') {
          throw new IllegalArgumentException(
              "line " + lineNo + ": label value not quoted: " + line);
        }
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        for (; line.charAt(j) != '"'; j++) {
          char c = line.charAt(j);
          if (c == '\\') {
            char n = line.charAt(++j);
            value.append(n == 'n' ? '\n' : n);
          } else {
            value.append(c);
          }
        }
        labels.put(key, value.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      space = i + 1;
    } else {
      space = line.indexOf(' ');
      name = line.substring(0, space);
    }
    String rest = line.substring(space).trim().split(" ")[0];
    double value =
        switch (rest) {
          case "+Inf" -> Double.POSITIVE_INFINITY;
          case "-Inf" -> Double.NEGATIVE_INFINITY;
          case "NaN" -> Double.NaN;
          default -> Double.parseDouble(rest);
        };
    return new Sample(name, labels, value);
  }

  Optional<String> type(String family) {
    return Optional.ofNullable(types.get(family));
  }

  /** The value of the sample with exactly this name and these labels. */
  Optional<Double> value(String name, Map<String, String> labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().equals(labels))
        .map(Sample::value)
        .findFirst();
  }

  List<Sample> samplesNamed(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }
}
