package org.c10klab.harness.result;

/**
 * How a group of threads spent a run, from the scheduler's point of view: running, or ready to run and
 * waiting for a CPU. Waiting far longer than running means the machine was busy with other work.
 *
 * @param threads     threads counted
 * @param runSeconds  CPU time they ran
 * @param waitSeconds time they were runnable but waited in the run queue
 */
public record ThreadCpu(int threads, double runSeconds, double waitSeconds) {

    /** What these threads did since {@code earlier} was read of them. */
    public ThreadCpu since(ThreadCpu earlier) {
        return new ThreadCpu(threads, Rounding.thousandths(runSeconds - earlier.runSeconds),
                Rounding.thousandths(waitSeconds - earlier.waitSeconds));
    }
}
