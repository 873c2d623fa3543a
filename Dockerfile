# Backprop Lab: build with the Maven wrapper, run the production jar on a JRE.
# The committed frontend bundle means the build needs no Node.js.

# ---- build stage ----
FROM eclipse-temurin:25-jdk AS build
WORKDIR /workspace
# Dependencies first, so source changes reuse the cached layer.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp -q dependency:go-offline || true
COPY . .
RUN ./mvnw -B -ntp package -DskipTests

# ---- runtime stage ----
FROM eclipse-temurin:25-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin lab
WORKDIR /app
COPY --from=build /workspace/target/backprop-lab.jar /app/backprop-lab.jar
USER lab
EXPOSE 8080
# Memory: the JVM sizes its heap from the container's limit; override at `docker run -e JAVA_TOOL_OPTIONS=...`.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    SERVER_PORT=8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS "http://localhost:${SERVER_PORT}/actuator/health" || exit 1
# The same jar and command the browser tests start (the module flag turns on the engine's SIMD kernels).
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "-jar", "/app/backprop-lab.jar"]
