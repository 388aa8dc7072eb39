package org.c10klab.server.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Opens the plain sockets of the raw test clients: connected within five seconds, reads time out after ten. */
public final class TestSockets {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private TestSockets() {
    }

    /** A socket connected to {@code address}, whose reads fail after ten seconds of silence. */
    public static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address, CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
