package org.c10klab.plugin.example;

import org.c10klab.protocol.command.Reply;
import org.c10klab.protocol.plugin.Arity;
import org.c10klab.protocol.plugin.CommandPlugin;
import org.c10klab.protocol.resp.BulkString;
import org.c10klab.protocol.resp.ErrorReply;
import org.c10klab.protocol.resp.RespCommand;

/**
 * {@code SLOWECHO ms msg}: the message, after {@code ms} milliseconds. It never sleeps itself: it
 * returns a reply after a delay, and each model waits its own way, as for the built-in SLEEP.
 */
public final class SlowEchoCommand implements CommandPlugin {

    @Override
    public String name() {
        return "SLOWECHO";
    }

    @Override
    public Arity arity() {
        return Arity.exactly(3);
    }

    @Override
    public Reply execute(RespCommand command) {
        long millis;
        try {
            millis = Long.parseLong(command.text(1));
        } catch (NumberFormatException e) {
            millis = -1;
        }
        if (millis < 0) {
            // Redis's wording, as SLEEP gives; the server caps a large delay at its --max-sleep-ms.
            return new Reply.Now(ErrorReply.err("value is not an integer or out of range"));
        }
        return new Reply.AfterSleep(millis, new BulkString(command.argument(2)));
    }
}
