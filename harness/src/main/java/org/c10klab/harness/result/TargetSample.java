package org.c10klab.harness.result;

import java.util.function.BinaryOperator;

/**
 * What was seen of the target at one moment; a value that was not sampled is null.
 *
 * @param threads         OS threads of the target process (/proc/PID/status)
 * @param rssBytes        resident memory (/proc/PID/status VmRSS)
 * @param cpuSeconds      user plus system CPU time so far (/proc/PID/stat)
 * @param openFds         open file descriptors (/proc/PID/fd)
 * @param connections     connections the target says it has open (its /metrics)
 * @param platformThreads live platform threads the target's JVM reports (its /metrics)
 * @param virtualThreads  virtual threads the target reports (its /metrics)
 */
public record TargetSample(Long threads, Long rssBytes, Double cpuSeconds, Long openFds, Double connections,
                           Double platformThreads, Double virtualThreads) {

    /** Nothing sampled. */
    public static final TargetSample NONE = new TargetSample(null, null, null, null, null, null, null);

    /** This sample, with each field that {@code newer} has replaced by the newer value. */
    public TargetSample with(TargetSample newer) {
        return new TargetSample(
                pick(threads, newer.threads, (old, recent) -> recent),
                pick(rssBytes, newer.rssBytes, (old, recent) -> recent),
                pick(cpuSeconds, newer.cpuSeconds, (old, recent) -> recent),
                pick(openFds, newer.openFds, (old, recent) -> recent),
                pick(connections, newer.connections, (old, recent) -> recent),
                pick(platformThreads, newer.platformThreads, (old, recent) -> recent),
                pick(virtualThreads, newer.virtualThreads, (old, recent) -> recent));
    }

    /** The field-wise maximum of this and {@code other}. */
    public TargetSample max(TargetSample other) {
        return new TargetSample(
                pick(threads, other.threads, Math::max),
                pick(rssBytes, other.rssBytes, Math::max),
                pick(cpuSeconds, other.cpuSeconds, Math::max),
                pick(openFds, other.openFds, Math::max),
                pick(connections, other.connections, Math::max),
                pick(platformThreads, other.platformThreads, Math::max),
                pick(virtualThreads, other.virtualThreads, Math::max));
    }

    private static <T> T pick(T mine, T theirs, BinaryOperator<T> both) {
        if (mine == null) {
            return theirs;
        }
        return theirs == null ? mine : both.apply(mine, theirs);
    }
}
