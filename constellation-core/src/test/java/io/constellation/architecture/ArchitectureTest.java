package io.constellation.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/** Core's dependency rules (DESIGN §1, §2). */
class ArchitectureTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.constellation");

  @Test
  void coreDependsOnNoAdapterAndNoThirdPartyLibraryButSlf4jAndJackson() {
    noClasses()
        .that()
        .resideInAPackage("io.constellation..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.constellation.caffeine..",
            "io.constellation.redis..",
            "io.constellation.memcached..",
            "io.constellation.micrometer..",
            "io.constellation.opentelemetry..",
            "io.constellation.kafka..",
            "io.constellation.jdbc..",
            "io.constellation.server..",
            "io.constellation.lang..",
            "io.constellation.tck..",
            "io.lettuce..",
            "io.micrometer..",
            "io.opentelemetry..",
            "org.apache.kafka..",
            "com.github.benmanes..",
            "net.spy..",
            "java.sql..",
            "javax.sql..")
        .check(CORE);
  }

  @Test
  void noInternalEngineTypeAppearsInAPublicSpiSignature() {
    ArchCondition<JavaMethod> noEngineTypes =
        new ArchCondition<>("not mention io.constellation.engine types") {
          @Override
          public void check(JavaMethod method, ConditionEvents events) {
            boolean bad =
                method
                        .getReturnType()
                        .toErasure()
                        .getPackageName()
                        .startsWith("io.constellation.engine")
                    || method.getRawParameterTypes().stream()
                        .anyMatch(t -> t.getPackageName().startsWith("io.constellation.engine"));
            if (bad) {
              events.add(
                  SimpleConditionEvent.violated(
                      method, method.getFullName() + " exposes an engine type"));
            }
          }
        };
    methods()
        .that()
        .arePublic()
        .and()
        .areDeclaredInClassesThat(
            new DescribedPredicate<JavaClass>("are public API") {
              @Override
              public boolean test(JavaClass c) {
                return c.getModifiers()
                        .contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
                    && !c.getPackageName().startsWith("io.constellation.engine");
              }
            })
        .should(noEngineTypes)
        .check(CORE);
  }

  @Test
  void spiPackagesDoNotDependOnTheEngine() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.constellation.spi..",
            "io.constellation.cache..",
            "io.constellation.type..",
            "io.constellation.module..",
            "io.constellation.pipeline..",
            "io.constellation.suspension..",
            "io.constellation.execution..",
            "io.constellation.impl..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.constellation.engine..")
        .check(CORE);
  }
}
