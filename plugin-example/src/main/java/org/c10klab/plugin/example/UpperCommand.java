package org.c10klab.plugin.example;

import java.util.Locale;
import org.c10klab.protocol.command.Reply;
import org.c10klab.protocol.plugin.Arity;
import org.c10klab.protocol.plugin.CommandPlugin;
import org.c10klab.protocol.resp.BulkString;
import org.c10klab.protocol.resp.RespCommand;

/** {@code UPPER msg}: the message upper-cased, as a bulk string, at once. */
public final class UpperCommand implements CommandPlugin {

    @Override
    public String name() {
        return "UPPER";
    }

    @Override
    public Arity arity() {
        return Arity.exactly(2);
    }

    @Override
    public Reply execute(RespCommand command) {
        // Read as UTF-8 so "straße" becomes "STRASSE"; bytes that are not UTF-8 become U+FFFD.
        return new Reply.Now(BulkString.of(command.text(1).toUpperCase(Locale.ROOT)));
    }
}
