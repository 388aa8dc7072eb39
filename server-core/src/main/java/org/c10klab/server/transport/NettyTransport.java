package org.c10klab.server.transport;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The ways Netty can wait for socket readiness on Linux, in order of preference: each one's I/O
 * handler and channel classes, for servers and clients alike.
 */
public enum NettyTransport {

    /** Completion-based I/O through a submission ring (Linux 5.1+, and not blocked by seccomp). */
    IO_URING("io_uring") {
        @Override
        public Throwable unavailabilityCause() {
            return IoUring.unavailabilityCause();
        }

        @Override
        public IoHandlerFactory ioHandlerFactory() {
            return IoUringIoHandler.newFactory();
        }

        @Override
        public Class<? extends ServerSocketChannel> serverChannelClass() {
            return IoUringServerSocketChannel.class;
        }

        @Override
        public Class<? extends SocketChannel> socketChannelClass() {
            return IoUringSocketChannel.class;
        }
    },

    /** Readiness through epoll, edge-triggered, via Netty's JNI library. */
    EPOLL("epoll") {
        @Override
        public Throwable unavailabilityCause() {
            return Epoll.unavailabilityCause();
        }

        @Override
        public IoHandlerFactory ioHandlerFactory() {
            return EpollIoHandler.newFactory();
        }

        @Override
        public Class<? extends ServerSocketChannel> serverChannelClass() {
            return EpollServerSocketChannel.class;
        }

        @Override
        public Class<? extends SocketChannel> socketChannelClass() {
            return EpollSocketChannel.class;
        }
    },

    /** The JDK's portable selector: works everywhere, costs a little more per operation. */
    NIO("nio") {
        @Override
        public Throwable unavailabilityCause() {
            return null;
        }

        @Override
        public IoHandlerFactory ioHandlerFactory() {
            return NioIoHandler.newFactory();
        }

        @Override
        public Class<? extends ServerSocketChannel> serverChannelClass() {
            return NioServerSocketChannel.class;
        }

        @Override
        public Class<? extends SocketChannel> socketChannelClass() {
            return NioSocketChannel.class;
        }
    };

    /** Netty's switch for io_uring multishot accept, read once when io_uring initializes. */
    static final String ACCEPT_MULTISHOT_PROPERTY = "io.netty.iouring.acceptMultiShotEnabled";

    static {
        // A multishot accept that fails (EMFILE) is re-armed at once even while the listener's
        // auto-read is off (Netty 4.2.18), so the accept loop would spin a core at 200k failures a
        // second; single-shot accepts honour the pause. Set before anything touches IoUring; an
        // explicit -D wins.
        if (System.getProperty(ACCEPT_MULTISHOT_PROPERTY) == null) {
            System.setProperty(ACCEPT_MULTISHOT_PROPERTY, "false");
        }
    }

    private final String cliName;

    NettyTransport(String cliName) {
        this.cliName = cliName;
    }

    /** Why this transport cannot be used here, or null when it can. */
    public abstract Throwable unavailabilityCause();

    /** What a {@code MultiThreadIoEventLoopGroup} needs to run this transport's event loops. */
    public abstract IoHandlerFactory ioHandlerFactory();

    /** The listening channel class for a {@code ServerBootstrap}. */
    public abstract Class<? extends ServerSocketChannel> serverChannelClass();

    /** The connection channel class for a client {@code Bootstrap}. */
    public abstract Class<? extends SocketChannel> socketChannelClass();

    /** The name users type, e.g. {@code io_uring}. */
    public String cliName() {
        return cliName;
    }

    /** True when this transport can run in this JVM on this kernel. */
    public boolean isAvailable() {
        return unavailabilityCause() == null;
    }

    /**
     * The transport named {@code cliName}.
     *
     * @throws IllegalArgumentException for a name that is no transport
     */
    public static NettyTransport fromCliName(String cliName) {
        for (NettyTransport transport : values()) {
            if (transport.cliName.equals(cliName)) {
                return transport;
            }
        }
        throw new IllegalArgumentException("unknown transport '" + cliName + "' (expected: "
                + TransportSelection.AUTO + ", " + cliNames() + ")");
    }

    /** Every transport's name, comma-separated, in order of preference. */
    static String cliNames() {
        return Arrays.stream(values()).map(NettyTransport::cliName).collect(Collectors.joining(", "));
    }
}
