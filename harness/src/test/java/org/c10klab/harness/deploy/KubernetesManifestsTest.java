package org.c10klab.harness.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.c10klab.harness.FloodTestUtil;
import org.c10klab.harness.cli.C10k;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.launch.ChildJvm;
import org.c10klab.harness.launch.ServerProcess;
import org.c10klab.harness.report.ResultJson;
import org.c10klab.harness.result.FloodResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/k8s, proven without a cluster: the manifests read as Kubernetes objects with fields that fit together,
 * and the flood Job's container command and args, expanded as the kubelet would for each completion index, run
 * here as N processes against a local server and merge as the merge Job would. A manifest that drifts from the
 * command line fails here.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Path.of("..", "deploy", "k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String INDEX_ANNOTATION = "metadata.annotations['batch.kubernetes.io/job-completion-index']";
    private static final String RESULTS_MOUNT = "/results";

    @Test
    void manifestsFitTogether() throws IOException {
        Job flood = read("flood-job.yaml", Job.class).get(0);
        Job merge = read("merge-job.yaml", Job.class).get(0);
        Deployment target = read("target.yaml", Deployment.class).get(0);
        Service service = read("target.yaml", Service.class).get(0);
        PersistentVolumeClaim results = read("results.yaml", PersistentVolumeClaim.class).get(0);

        int segments = flood.getSpec().getCompletions();
        assertThat(flood.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(flood.getSpec().getParallelism()).as("every segment at once").isEqualTo(segments);
        Container runner = container(flood);
        Map<String, String> env = values(runner);
        assertThat(env).containsEntry("SEGMENTS", Integer.toString(segments));
        EnvVar index = runner.getEnv().stream().filter(e -> e.getName().equals("JOB_COMPLETION_INDEX")).findFirst()
                .orElseThrow();
        assertThat(index.getValueFrom().getFieldRef().getFieldPath()).isEqualTo(INDEX_ANNOTATION);
        assertThat(runner.getCommand()).containsExactly("c10k");
        assertThat(runner.getArgs()).startsWith("flood").containsSubsequence("--target", "$(TARGET)")
                .containsSubsequence("--segment", "$(JOB_COMPLETION_INDEX)/$(SEGMENTS)")
                .containsSubsequence("--start-at", "$(START_AT)")
                .containsSubsequence("--out", RESULTS_MOUNT + "/$(JOB_COMPLETION_INDEX)")
                .containsSubsequence("--allow-remote", "$(TARGET)");
        assertThat(env.get("TARGET")).as("the flood aims at the Service")
                .isEqualTo(service.getMetadata().getName() + ":" + service.getSpec().getPorts().get(0).getPort());

        // The merge reads exactly the segments' folders from the same volume.
        List<String> folders = IntStream.range(0, segments).mapToObj(i -> RESULTS_MOUNT + "/" + i).toList();
        assertThat(container(merge).getArgs()).startsWith("merge").containsSubsequence(folders).contains("--out");
        assertThat(claim(flood)).isEqualTo(claim(merge)).isEqualTo(results.getMetadata().getName());
        assertThat(mountPath(flood)).isEqualTo(mountPath(merge)).isEqualTo(RESULTS_MOUNT);

        // The target: selected by its Service, its metrics port annotated for Prometheus, its args the CLI's.
        Map<String, String> podLabels = target.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        Container server = target.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> annotations = target.getSpec().getTemplate().getMetadata().getAnnotations();
        assertThat(annotations).containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path",
                "/metrics");
        assertThat(server.getArgs()).containsSubsequence("--metrics-port", annotations.get("prometheus.io/port"))
                .containsSubsequence("--port", service.getSpec().getPorts().get(0).getPort().toString());
        C10k.commandLine().parseArgs(server.getArgs().toArray(String[]::new));
        C10k.commandLine().parseArgs(container(merge).getArgs().toArray(String[]::new));
    }

    @Test
    void theFloodJobsPodsRunHereAndMergeAsTheMergeJobDoes(@TempDir Path volume) throws Exception {
        Job flood = read("flood-job.yaml", Job.class).get(0);
        Container runner = container(flood);
        int segments = flood.getSpec().getCompletions();
        try (ServerProcess server = ServerProcess.start(List.of("netty"))) {
            Map<String, String> env = values(runner);
            // What the cluster would give: the Service's address, and the start time set when the Job is applied.
            env.put("TARGET", "127.0.0.1:" + server.address().getPort());
            env.put("START_AT", Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS).toString());
            List<Process> pods = new ArrayList<>();
            for (int index = 0; index < segments; index++) {
                env.put("JOB_COMPLETION_INDEX", Integer.toString(index));
                pods.add(new ProcessBuilder(ChildJvm.command(List.of(), podArgs(runner, env, volume)))
                        .redirectErrorStream(true).redirectOutput(volume.resolve("pod-" + index + ".log").toFile())
                        .start());
            }
            for (int index = 0; index < segments; index++) {
                assertThat(pods.get(index).waitFor(90, TimeUnit.SECONDS)).isTrue();
                assertThat(pods.get(index).exitValue()).as(Files.readString(volume.resolve("pod-" + index + ".log")))
                        .isZero();
            }

            Container merger = container(read("merge-job.yaml", Job.class).get(0));
            StringWriter out = new StringWriter();
            int exit = C10k.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true))
                    .execute(podArgs(merger, Map.of(), volume).toArray(String[]::new));

            assertThat(exit).as(out.toString()).isZero();
            FloodResult merged = ResultJson.read(volume.resolve("merged").resolve("results.json"));
            FloodTestUtil.assertAccounting(merged);
            int connections = merged.config().connections();
            long requests = merged.config().requestsPerConnection();
            assertThat(merged.connections().count(Outcome.OK)).isEqualTo(connections);
            assertThat(merged.requests().count(Outcome.OK)).isEqualTo(connections * requests);
            assertThat(merged.run().partial()).isFalse();
        }
    }

    /** The container's args as the kubelet would pass them, with the results volume mounted at {@code volume}. */
    private static List<String> podArgs(Container container, Map<String, String> env, Path volume) {
        return container.getArgs().stream().map(arg -> KubernetesEnv.expand(arg, env))
                .map(arg -> arg.startsWith(RESULTS_MOUNT + "/") ? volume + arg.substring(RESULTS_MOUNT.length()) : arg)
                .toList();
    }

    private static <T> List<T> read(String file, Class<T> type) throws IOException {
        List<T> objects = new ArrayList<>();
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(MANIFESTS.resolve(file).toFile())) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (type.getSimpleName().equals(document.path("kind").asText())) {
                    objects.add(YAML.treeToValue(document, type));
                }
            }
        }
        assertThat(objects).as(type.getSimpleName() + " in " + file).isNotEmpty();
        return objects;
    }

    private static Container container(Job job) {
        List<Container> containers = job.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    /** The env values given literally (those from a fieldRef the cluster fills in). */
    private static Map<String, String> values(Container container) {
        Map<String, String> env = new HashMap<>();
        container.getEnv().stream().filter(e -> e.getValue() != null).forEach(e -> env.put(e.getName(), e.getValue()));
        return env;
    }

    private static String claim(Job job) {
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Volume volume = pod.getVolumes().get(0);
        return volume.getPersistentVolumeClaim().getClaimName();
    }

    private static String mountPath(Job job) {
        return container(job).getVolumeMounts().get(0).getMountPath();
    }
}
