package org.c10klab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tables that line up in a terminal and stay valid Markdown. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MarkdownTableTest {

    @Test
    void columnsArePaddedFirstLeftTheRestRight() {
        String table = new MarkdownTable("model", "served").row("netty", 200).row("serial|x", 1).render();

        assertThat(table).isEqualTo("""
                | model     | served |
                | --------- | -----: |
                | netty     |    200 |
                | serial\\|x |      1 |
                """);
    }
}
