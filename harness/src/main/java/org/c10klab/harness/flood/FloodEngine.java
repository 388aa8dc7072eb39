package org.c10klab.harness.flood;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.c10klab.server.transport.NettyTransport;

/**
 * Drives one flood: a Netty event-loop group of a handful of threads holding every connection, one
 * {@link ClientSlot} per client, started all at once, over a ramp, or at a connect rate.
 */
public final class FloodEngine implements AutoCloseable {

    /** Connects a loop issues per turn in a burst, before it handles the completions of earlier ones. */
    static final int BURST_CHUNK = 32;
    /**
     * io_uring completion-queue entries per loop. Thousands of connections closing at one deadline
     * complete at once; the default 4096 overflows (Netty copes, but warns on every turn).
     */
    static final int IO_URING_COMPLETION_ENTRIES = 32768;
    /** What the event-loop threads' names start with, e.g. {@code flood-loop-3-1}; /proc shows it too. */
    public static final String LOOP_THREAD_PREFIX = "flood-loop-";

    private final FloodConfig config;
    private final InetSocketAddress target;
    private final NettyTransport transport;
    private final FloodObserver observer;
    private final FloodSegment segment;
    private final EventLoopGroup group;
    private final ConnectSchedule schedule;
    private volatile List<ClientSlot> slots = List.of();
    private volatile boolean stopped;
    private final CountDownLatch finished;
    /** Clients still working; the one that takes it to 0 stamps {@link #endNanos}. */
    private final AtomicInteger unfinished;
    private volatile long scheduleStartNanos;
    private volatile long endNanos;

    /**
     * @param target    a resolved address; the loopback rule was applied by whoever resolved it
     * @param transport io_uring, epoll or NIO, chosen as the servers choose theirs
     * @param observer  receives every outcome and latency, from the event-loop threads
     */
    public FloodEngine(FloodConfig config, InetSocketAddress target, NettyTransport transport,
                       FloodObserver observer) {
        this(config, target, transport, observer, FloodSegment.WHOLE);
    }

    /**
     * As above, for {@code segment} of a larger flood ({@code config} is already its share): on a loopback target
     * its clients connect from source addresses of their own.
     */
    public FloodEngine(FloodConfig config, InetSocketAddress target, NettyTransport transport,
                       FloodObserver observer, FloodSegment segment) {
        this.config = config;
        this.target = target;
        this.transport = transport;
        this.observer = observer;
        this.segment = segment;
        this.schedule = ConnectSchedule.of(config);
        this.finished = new CountDownLatch(schedule.clients());
        this.unfinished = new AtomicInteger(schedule.clients());
        this.group = new MultiThreadIoEventLoopGroup(config.threads(),
                new DefaultThreadFactory("flood-loop", true), ioHandlerFactory(transport));
    }

    /** Schedules every client; returns at once. */
    public void start() {
        long startNanos = System.nanoTime();
        SlotPlan plan = plan(startNanos);
        FileBudget files = FileBudget.forThisProcess();
        Bootstrap template = new Bootstrap()
                .group(group)
                .channel(transport.socketChannelClass())
                .remoteAddress(target)
                .resolver(NoopAddressResolverGroup.INSTANCE)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        config.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true);
        SourceAddresses sources = SourceAddresses.forTarget(target, segment);
        SourceAddresses.configure(template, transport);
        List<ClientSlot> created = new ArrayList<>(schedule.clients());
        for (int i = 0; i < schedule.clients(); i++) {
            long stopNanos = schedule.stopOffsetNanos(i);
            SlotPlan own = stopNanos == ConnectSchedule.NO_STOP ? plan : plan.withDeadline(startNanos + stopNanos);
            created.add(new ClientSlot(i, own, group.next(), template, sources.forClient(i), observer, files,
                    this::clientFinished));
        }
        slots = List.copyOf(created);
        Map<EventLoop, List<ClientSlot>> byLoop = new LinkedHashMap<>();
        created.forEach(slot -> byLoop.computeIfAbsent(slot.loop(), loop -> new ArrayList<>()).add(slot));
        // The schedule starts once every slot exists: setting them up is no connect's lateness.
        long begunNanos = System.nanoTime();
        scheduleStartNanos = begunNanos;
        byLoop.forEach((loop, own) -> loop.execute(() -> schedule(loop, own, begunNanos)));
    }

    /**
     * How long the flood itself ran: from the start of the connect schedule to the end of its last client (or to
     * now, while clients are left). What the caller does around it, e.g. sampling the target, is not in it.
     */
    public Duration elapsed() {
        long end = finished.getCount() == 0 ? endNanos : System.nanoTime();
        return Duration.ofNanos(Math.max(0, end - scheduleStartNanos));
    }

    /** Waits until every client is done; false when {@code timeout} passed first. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits until every client is done. */
    public void awaitFinished() throws InterruptedException {
        finished.await();
    }

    /** Ctrl-C: every client stops starting work, abandons what is in flight and closes. Any thread. */
    public void stop() {
        stopped = true;
        for (ClientSlot slot : slots) {
            try {
                slot.loop().execute(slot::cancel);
            } catch (RejectedExecutionException e) {
                // The group is already shutting down and closes the channels itself.
            }
        }
    }

    /** Closes every connection left and stops the event loops. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    // Called once per client, on its loop.
    private void clientFinished() {
        if (unfinished.decrementAndGet() == 0) {
            endNanos = System.nanoTime();
        }
        finished.countDown();
    }

    private static IoHandlerFactory ioHandlerFactory(NettyTransport transport) {
        if (transport == NettyTransport.IO_URING) {
            return IoUringIoHandler.newFactory(new IoUringIoHandlerConfig().setCqSize(IO_URING_COMPLETION_ENTRIES));
        }
        return transport.ioHandlerFactory();
    }

    private void begin(ClientSlot slot, long intendedNanos) {
        if (stopped) {
            slot.cancel();
            return;
        }
        slot.start(intendedNanos);
    }

    // On the loop itself: scheduling from another thread would wake the loop once per client. Each start is
    // aimed at its instant on the schedule, so how late it runs is the harness's own lag.
    private void schedule(EventLoop loop, List<ClientSlot> own, long startNanos) {
        List<ClientSlot> burst = new ArrayList<>();
        for (ClientSlot slot : own) {
            long offsetNanos = schedule.offsetNanos(slot.index());
            if (offsetNanos == 0) {
                burst.add(slot);
            } else {
                long intendedNanos = startNanos + offsetNanos;
                loop.schedule(() -> begin(slot, intendedNanos), intendedNanos - System.nanoTime(),
                        TimeUnit.NANOSECONDS);
            }
        }
        beginBurst(loop, burst, 0, startNanos);
    }

    // A loop that started thousands of connects in one go would see none of them complete until the
    // last was issued, and charge that wait to every connect's latency. Starting a chunk per turn of
    // the loop lets it handle completions between chunks; a zero-delay scheduled task runs only after
    // the loop's next I/O pass.
    private void beginBurst(EventLoop loop, List<ClientSlot> burst, int from, long intendedNanos) {
        int to = Math.min(burst.size(), from + BURST_CHUNK);
        for (int i = from; i < to; i++) {
            begin(burst.get(i), intendedNanos);
        }
        if (to < burst.size()) {
            loop.schedule(() -> beginBurst(loop, burst, to, intendedNanos), 0, TimeUnit.NANOSECONDS);
        }
    }

    private SlotPlan plan(long startNanos) {
        long requestsPerSlot = config.requestsPerConnection() == FloodConfig.UNTIL_DEADLINE
                ? Long.MAX_VALUE : config.requestsPerConnection();
        long deadlineNanos = config.duration().isZero() ? Long.MAX_VALUE : startNanos + config.duration().toNanos();
        LoadStages stages = config.loadStages();
        int slots = config.connections();
        RequestSchedule requests = !config.openModel() ? null
                : stages != null ? new RequestSchedule.Staged(stages, startNanos, slots)
                : new RequestSchedule.FixedRate(Math.max(1, (long) (1e9 * slots / config.ratePerSecond())), slots);
        return new SlotPlan(config.workload(), config.protocol(), config.pipeline(),
                config.responseTimeout().toNanos(), config.think().toNanos(), config.reconnect(),
                requestsPerSlot, deadlineNanos, requests);
    }
}
