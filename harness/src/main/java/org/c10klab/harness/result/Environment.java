package org.c10klab.harness.result;

/**
 * The machine a run happened on, and the kernel settings that decide what a flood can show (DESIGN
 * section 5). A setting that could not be read is null.
 *
 * @param jdk                  Java runtime version
 * @param jvm                  VM name and vendor
 * @param os                   operating system name
 * @param kernel               kernel release
 * @param cores                available processors
 * @param somaxconn            net.core.somaxconn: the ceiling of every listen backlog
 * @param tcpAbortOnOverflow   net.ipv4.tcp_abort_on_overflow: at a full accept queue, 0 drops the final ACK, 1 resets
 * @param tcpSynLinearTimeouts net.ipv4.tcp_syn_linear_timeouts: SYN retransmits before the backoff doubles
 * @param tcpSyncookies        net.ipv4.tcp_syncookies
 * @param ipLocalPortRange     net.ipv4.ip_local_port_range: the ephemeral ports a client may use
 * @param openFileLimit        this process's soft open-file limit (ulimit -n): the most sockets the harness can hold
 * @param pidMax               kernel.pid_max: near where platform-thread models die
 * @param hostname             this machine's name
 */
public record Environment(String jdk, String jvm, String os, String kernel, int cores, Long somaxconn,
                          Long tcpAbortOnOverflow, Long tcpSynLinearTimeouts, Long tcpSyncookies,
                          String ipLocalPortRange, Long openFileLimit, Long pidMax, String hostname) {
}
