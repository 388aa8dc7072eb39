package org.c10klab.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeakDetectionDefaultTest {

    private ResourceLeakDetector.Level levelBefore;
    private String propertyBefore;

    @BeforeEach
    void remember() {
        levelBefore = ResourceLeakDetector.getLevel();
        propertyBefore = System.getProperty(NettyServerCommand.LEAK_DETECTION_PROPERTY);
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void restore() {
        ResourceLeakDetector.setLevel(levelBefore);
        if (propertyBefore == null) {
            System.clearProperty(NettyServerCommand.LEAK_DETECTION_PROPERTY);
        } else {
            System.setProperty(NettyServerCommand.LEAK_DETECTION_PROPERTY, propertyBefore);
        }
    }

    @Test
    void theServerCommandTurnsLeakDetectionOffWhenNobodySetTheProperty() {
        System.clearProperty(NettyServerCommand.LEAK_DETECTION_PROPERTY);
        NettyServerCommand.disableLeakDetectionUnlessSet();
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.DISABLED);
    }

    @Test
    void aLevelTheUserSetIsKept() {
        System.setProperty(NettyServerCommand.LEAK_DETECTION_PROPERTY, "paranoid");
        NettyServerCommand.disableLeakDetectionUnlessSet();
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }
}
