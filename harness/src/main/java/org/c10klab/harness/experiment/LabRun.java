package org.c10klab.harness.experiment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.c10klab.harness.record.LatencyRecorder;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.TargetSample;
import org.c10klab.harness.run.RunArtifacts;
import org.c10klab.server.ListeningLine;

/**
 * One trial of one model under one burst in one stage of the lab, with each client's wait and the
 * kernel's evidence of the handshakes: what the lab's questions are answered from.
 *
 * @param trial            which trial of its stage's run, from 1: it ran in round {@code trial}
 * @param stage            the lab's stage, 1 to 5
 * @param model            the server model
 * @param clients          clients in the burst
 * @param requestedBacklog the backlog asked for, or null for the server's default (somaxconn)
 * @param effectiveBacklog what the server got, from its LISTENING line
 * @param sleep            the SLEEP each client sent
 * @param connectSeconds   each successful connect's time, ascending
 * @param waitSeconds      each answered client's wait for its reply, ascending
 * @param handshakes       the kernel's counters and the server port's sockets, read during the trial
 * @param flood            the flood's whole result, with the server's samples
 */
public record LabRun(int trial, int stage, LabModel model, int clients, Integer requestedBacklog,
                     int effectiveBacklog, Duration sleep, List<Double> connectSeconds, List<Double> waitSeconds,
                     HandshakeEvidence handshakes, FloodResult flood) {

    public LabRun {
        connectSeconds = List.copyOf(connectSeconds);
        waitSeconds = List.copyOf(waitSeconds);
    }

    /** A finished trial, with the per-client times from its whole-run histograms. */
    public static LabRun of(int trial, int stage, int clients, Integer requestedBacklog, Duration sleep,
                            ModelTrial.Outcome outcome, HandshakeEvidence handshakes) {
        RunArtifacts artifacts = outcome.artifacts();
        ListeningLine server = outcome.server();
        return new LabRun(trial, stage, outcome.model(), clients, requestedBacklog, server.backlog(), sleep,
                samplesInSeconds(artifacts.connectMicros()), samplesInSeconds(artifacts.requestMicros()), handshakes,
                artifacts.result());
    }

    /** This trial's outcome beside its kernel evidence; the accept queue holds effectiveBacklog + 1. */
    public HandshakeTrial handshakeTrial() {
        return new HandshakeTrial(trial, connected(), HandshakeTrial.lateConnects(connectSeconds), outcomes(),
                effectiveBacklog + 1, handshakes);
    }

    /** How each client ended. */
    public ClientOutcomes outcomes() {
        return ClientOutcomes.of(flood);
    }

    /** Clients answered. */
    public long served() {
        return outcomes().ok();
    }

    /** The server's first sample, before the burst; {@link TargetSample#NONE} when nothing was sampled. */
    public TargetSample first() {
        return flood.target() == null ? TargetSample.NONE : flood.target().first();
    }

    /** The field-wise peak of the server's samples. */
    public TargetSample peak() {
        return flood.target() == null ? TargetSample.NONE : flood.target().peak();
    }

    /** The server's last sample. */
    public TargetSample last() {
        return flood.target() == null ? TargetSample.NONE : flood.target().last();
    }

    /** Clients whose connect succeeded. */
    public long connected() {
        return connectSeconds.size();
    }

    /** How many OS threads the server's burst added: peak minus before; null when not sampled. */
    public Long threadRise() {
        Long before = first().threads();
        Long peak = peak().threads();
        return before == null || peak == null ? null : peak - before;
    }

    /** CPU seconds the server used while sampled; null when not sampled. */
    public Double cpuSeconds() {
        Double before = first().cpuSeconds();
        Double after = last().cpuSeconds();
        return before == null || after == null ? null : after - before;
    }

    /** Every sample of {@code micros}, one entry each, ascending, in seconds. */
    private static List<Double> samplesInSeconds(Histogram micros) {
        List<Double> samples = new ArrayList<>();
        for (HistogramIterationValue recorded : micros.recordedValues()) {
            samples.addAll(Collections.nCopies(Math.toIntExact(recorded.getCountAtValueIteratedTo()),
                    LatencyRecorder.seconds(micros, recorded)));
        }
        return samples;
    }
}
