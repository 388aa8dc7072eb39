package org.c10klab.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeakDetectionTest {

    private ResourceLeakDetector.Level levelBefore;
    private String propertyBefore;

    @BeforeEach
    void remember() {
        levelBefore = ResourceLeakDetector.getLevel();
        propertyBefore = System.getProperty(LeakDetection.LEVEL_PROPERTY);
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void restore() {
        ResourceLeakDetector.setLevel(levelBefore);
        if (propertyBefore == null) {
            System.clearProperty(LeakDetection.LEVEL_PROPERTY);
        } else {
            System.setProperty(LeakDetection.LEVEL_PROPERTY, propertyBefore);
        }
    }

    @Test
    void leakDetectionIsTurnedOffWhenNobodySetTheProperty() {
        System.clearProperty(LeakDetection.LEVEL_PROPERTY);
        LeakDetection.turnOffUnlessSet();
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.DISABLED);
    }

    @Test
    void aLevelTheUserSetIsKept() {
        System.setProperty(LeakDetection.LEVEL_PROPERTY, "paranoid");
        LeakDetection.turnOffUnlessSet();
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }
}
