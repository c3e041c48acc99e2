# Constellation Engine for Java - developer entry points.
SHELL := /bin/bash

# JDK >= 21 (prefers /usr/lib/jvm/temurin-25-jdk-amd64); see .ci/select-jdk.sh.
# Override with: make test JAVA_HOME=/path/to/jdk
JAVA_HOME := $(shell bash .ci/select-jdk.sh 2>/dev/null)
ifeq ($(strip $(JAVA_HOME)),)
$(error No JDK >= 21 found under /usr/lib/jvm (or $$JAVA_HOME). Install one, e.g. 'apt-get install -y openjdk-21-jdk-headless', or pass JAVA_HOME=/path/to/jdk)
endif
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)

# Maven's own JVM: silence JEP 498 sun.misc.Unsafe warnings (Maven 3.8's Guava) on JDK 24+.
JAVA_MAJOR := $(shell "$(JAVA_HOME)/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $$2; exit}')
ifeq ($(shell [ "$(JAVA_MAJOR)" -ge 24 ] 2>/dev/null && echo yes),yes)
export MAVEN_OPTS := $(MAVEN_OPTS) --sun-misc-unsafe-memory-access=allow
endif

MVN ?= mvn
MVN_FLAGS ?= -B -ntp -T 1

.PHONY: test build run bench clean prereqs resolve

prereqs:
	bash .ci/ensure-test-prereqs.sh

# Whole reactor: compile, run every module's tests, package. `install` so that
# single-module runs later (-pl) find sibling artifacts.
test: prereqs
	$(MVN) $(MVN_FLAGS) install

build:
	$(MVN) $(MVN_FLAGS) -DskipTests package

# Serve the examples on the embedded default (SQLite under ./data, in-memory cache, Prometheus).
# Builds the server first when a source or POM changed; CONSTELLATION_PORT picks the port.
SERVER_JAR := constellation-server/target/constellation-server-0.1.0-SNAPSHOT.jar
SERVER_CP := constellation-server/target/classpath.txt
SERVER_SOURCES := $(shell find pom.xml constellation-*/pom.xml constellation-*/src/main -type f 2>/dev/null | grep -v constellation-benchmarks)
RUN_PORT = $${CONSTELLATION_PORT:-8080}
RUN_JVM_FLAGS := --enable-native-access=ALL-UNNAMED
ifeq ($(shell [ "$(JAVA_MAJOR)" -ge 24 ] 2>/dev/null && echo yes),yes)
RUN_JVM_FLAGS += --sun-misc-unsafe-memory-access=allow
endif

$(SERVER_CP): $(SERVER_SOURCES)
	$(MVN) $(MVN_FLAGS) -q -pl constellation-server -am -DskipTests package \
	  dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
	@touch $(SERVER_CP)

run: $(SERVER_CP)
	@echo "Constellation: serving examples/ on http://localhost:$(RUN_PORT)/  (Ctrl-C to stop)"
	@echo "Try:"
	@echo "  curl -s localhost:$(RUN_PORT)/execute -H 'content-type: application/json' \\"
	@echo "    -d '{\"ref\":\"text-processing\",\"inputs\":{\"text\":\"hello constellation world\"}}'"
	@exec java $(RUN_JVM_FLAGS) -cp "$(SERVER_JAR):$$(cat $(SERVER_CP))" \
	  io.constellation.server.cli.ConstellationCli serve --pipelines examples --port "$(RUN_PORT)"

# DESIGN §13 benchmarks (P1-P6 with their comparators) through JMH; prints one table and writes
# raw JMH JSON + the table to constellation-benchmarks/results/. Quick profile by default (a few
# minutes on 2 cores); `make bench FULL=1` for the longer one. BENCH_ARGS passes extra BenchMain
# arguments (e.g. BENCH_ARGS='--include .*P1.* --prof gc').
bench:
	$(MVN) $(MVN_FLAGS) -q -pl constellation-benchmarks -am -DskipTests package \
	  dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
	cd constellation-benchmarks && java -cp "target/classes:$$(cat target/classpath.txt)" \
	  io.constellation.benchmarks.BenchMain --results results $(if $(FULL),--full) $(BENCH_ARGS)

# Pre-fetch all third-party dependencies and plugins into ~/.m2.
resolve:
	$(MVN) $(MVN_FLAGS) validate dependency:go-offline -DexcludeGroupIds=io.constellation

clean:
	$(MVN) $(MVN_FLAGS) -q clean
