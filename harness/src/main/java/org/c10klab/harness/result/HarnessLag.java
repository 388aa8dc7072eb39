package org.c10klab.harness.result;

/**
 * How late the harness itself was during a run, apart from the target's latency: a connect or a request
 * the harness started late, or could not look at during a GC pause, is slow on the harness's account.
 *
 * @param connectStart how late each client began against the connect schedule ({@code --connect-rate},
 *                     {@code --ramp}, or the run's start for a burst), milliseconds
 * @param sendStart    open model: how late each request was taken up against its intended send time,
 *                     milliseconds; null in the closed model, which has no intended times
 * @param gcPauses     the harness JVM's garbage-collection pauses
 * @param eventLoops   how the event-loop threads spent the run: running, or waiting for a CPU the machine
 *                     gave to others; null where /proc cannot tell
 * @param jitCompilers what the JVM's JIT compiler threads ran during the run, on the same CPUs as the event
 *                     loops; null where /proc cannot tell
 */
public record HarnessLag(LatencySummary connectStart, LatencySummary sendStart, GcPauses gcPauses,
                         ThreadCpu eventLoops, ThreadCpu jitCompilers) {
}
