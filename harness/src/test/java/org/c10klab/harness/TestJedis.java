package org.c10klab.harness;

import java.net.InetSocketAddress;
import redis.clients.jedis.Jedis;

/** A Jedis client for tests against a server child JVM. */
public final class TestJedis {

    /**
     * Jedis waits 2 s for a reply by default; a freshly started child JVM on a loaded 2-core machine can take
     * longer to answer its first command (class loading, the interpreter), so tests give it 15 s.
     */
    private static final int TIMEOUT_MILLIS = 15_000;

    private TestJedis() {
    }

    public static Jedis connect(InetSocketAddress address) {
        return new Jedis(address.getHostString(), address.getPort(), TIMEOUT_MILLIS);
    }
}
