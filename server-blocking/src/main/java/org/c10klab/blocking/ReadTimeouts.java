package org.c10klab.blocking;

import java.time.Duration;

/**
 * How long a connection's reads may wait: {@code idle} between requests ({@code --idle-timeout}),
 * {@code request} from the first blocking read of a begun request to its last byte
 * ({@code --request-timeout}); zero turns either off.
 */
record ReadTimeouts(Duration idle, Duration request) {
}
