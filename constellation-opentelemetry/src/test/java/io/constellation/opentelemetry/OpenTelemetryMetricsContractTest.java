package io.constellation.opentelemetry;

import io.constellation.spi.MetricsProvider;
import io.constellation.tck.MetricsProviderContract;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The metrics TCK against the OpenTelemetry SDK, read back through an in-memory reader. */
class OpenTelemetryMetricsContractTest extends MetricsProviderContract {
  private InMemoryMetricReader reader;
  private SdkMeterProvider meterProvider;

  @Override
  protected MetricsProvider createProvider() {
    reader = InMemoryMetricReader.create();
    meterProvider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    return new OpenTelemetryMetricsProvider(meterProvider.get("io.constellation"));
  }

  @Override
  protected void closeProvider(MetricsProvider provider) {
    meterProvider.close();
  }

  private <P extends PointData> Optional<P> point(
      String name, Map<String, String> tags, MetricDataType type, Class<P> pointType) {
    AttributesBuilder b = Attributes.builder();
    tags.forEach(b::put);
    Attributes wanted = b.build();
    Collection<MetricData> all = reader.collectAllMetrics();
    return all.stream()
        .filter(m -> m.getName().equals(name) && m.getType() == type)
        .flatMap(m -> m.getData().getPoints().stream())
        .filter(p -> p.getAttributes().equals(wanted))
        .map(pointType::cast)
        .findFirst();
  }

  @Override
  protected double counterValue(String name, Map<String, String> tags) {
    return point(name, tags, MetricDataType.LONG_SUM, LongPointData.class)
        .map(LongPointData::getValue)
        .orElse(0L);
  }

  @Override
  protected long histogramCount(String name, Map<String, String> tags) {
    return point(name, tags, MetricDataType.HISTOGRAM, HistogramPointData.class)
        .map(HistogramPointData::getCount)
        .orElse(0L);
  }

  @Override
  protected double histogramSum(String name, Map<String, String> tags) {
    return point(name, tags, MetricDataType.HISTOGRAM, HistogramPointData.class)
        .map(HistogramPointData::getSum)
        .orElse(0.0);
  }

  @Override
  protected double gaugeValue(String name, Map<String, String> tags) {
    return point(name, tags, MetricDataType.DOUBLE_GAUGE, DoublePointData.class)
        .map(DoublePointData::getValue)
        .orElse(0.0);
  }
}
