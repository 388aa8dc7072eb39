package org.c10klab.harness.launch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * A file in the format of Prometheus's file-based service discovery ({@code file_sd_configs}): the
 * {@code /metrics} endpoints a run has up now, each with its labels. Every write replaces the whole file by
 * an atomic rename, so Prometheus never reads half of one.
 */
public final class PrometheusTargets {

    /** Label of every target: {@link #JOB_SERVER} or {@link #JOB_HARNESS}. */
    public static final String LABEL_JOB = "job";
    /** Label of a compare or sweep target: the model's label, e.g. {@code netty} or {@code netty#2}. */
    public static final String LABEL_MODEL = "model";
    /** Label of a compare or sweep target: the model's trial, from 1. */
    public static final String LABEL_TRIAL = "trial";
    /** Job of a server's endpoint. */
    public static final String JOB_SERVER = "c10k-server";
    /** Job of the harness's own endpoint: the flood's meters. */
    public static final String JOB_HARNESS = "c10k-harness";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One endpoint.
     *
     * @param address {@code HOST:PORT} of its {@code /metrics}
     * @param labels  what Prometheus attaches to every series scraped from it
     */
    public record Target(String address, Map<String, String> labels) {
    }

    /** One entry of the file, as Prometheus reads it. */
    private record TargetGroup(List<String> targets, Map<String, String> labels) {
    }

    private final Path file;

    /**
     * Claims {@code file} and writes it empty, so a stale list from an earlier run is gone at once.
     *
     * @throws IOException when the file cannot be written
     */
    public PrometheusTargets(Path file) throws IOException {
        this.file = file.toAbsolutePath();
        publish(List.of());
    }

    /** Replaces the file's targets by {@code targets}. */
    public synchronized void publish(List<Target> targets) throws IOException {
        List<TargetGroup> groups = targets.stream()
                .map(target -> new TargetGroup(List.of(target.address()), target.labels()))
                .toList();
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        JSON.writeValue(temporary.toFile(), groups);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The file, absolute. */
    public Path file() {
        return file;
    }
}
