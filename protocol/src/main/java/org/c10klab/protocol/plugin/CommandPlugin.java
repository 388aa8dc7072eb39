package org.c10klab.protocol.plugin;

import org.c10klab.protocol.command.Reply;
import org.c10klab.protocol.resp.RespCommand;

/**
 * An extra command a server loads from a jar given with {@code --plugins DIR}: a name, how many
 * words it takes, and a reply now or after a wait, exactly like a built-in command.
 *
 * <p>A jar registers its implementations, one class name per line, in
 * {@code META-INF/services/org.c10klab.protocol.plugin.CommandPlugin}; each needs a public
 * no-argument constructor. One instance serves every connection from many threads at once, or from
 * an event loop that must never block: keep it stateless or thread-safe, and never wait inside
 * {@link #execute}: return {@link Reply.AfterSleep} or {@link Reply.AfterWork} and let the model wait.
 */
public interface CommandPlugin {

    /**
     * The name clients send, matched case-insensitively: an ASCII letter, then up to 63 ASCII
     * letters, digits, {@code .}, {@code _} or {@code -}. Read once, when the server starts.
     */
    String name();

    /** How many words the command takes, its name included; read once, when the server starts. */
    Arity arity();

    /**
     * The reply to {@code command}, whose word count {@link #arity()} already accepted. Errors are
     * replies too ({@code ErrorReply.err(..)}); an exception becomes an {@code -ERR} reply to this
     * command only, and a wait longer than the server's SLEEP or WORK limit an error as well.
     */
    Reply execute(RespCommand command);
}
