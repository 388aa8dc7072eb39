package org.c10klab.harness.record;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.atomic.LongAccumulator;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.c10klab.harness.result.GcPauses;

/**
 * Watches this JVM's stop-the-world GC pauses from {@link #start()} to {@link #stop()} through the
 * GarbageCollectorMXBeans, without JFR: their counters give the number and the total, their notifications
 * the longest. Beans that time concurrent cycles (ZGC's and Shenandoah's "... Cycles") are left out; G1's
 * and their "... Pauses" beans time only pauses.
 */
public final class GcPauseWatch {

    private final List<GarbageCollectorMXBean> collectors;
    private final long[] countsBefore;
    private final long[] millisBefore;
    private final LongAccumulator longestMillis = new LongAccumulator(Math::max, 0);
    private final NotificationListener listener = this::onNotification;

    private GcPauseWatch() {
        collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(bean -> !bean.getName().endsWith("Cycles")).toList();
        countsBefore = new long[collectors.size()];
        millisBefore = new long[collectors.size()];
        for (int i = 0; i < collectors.size(); i++) {
            countsBefore[i] = Math.max(0, collectors.get(i).getCollectionCount());
            millisBefore[i] = Math.max(0, collectors.get(i).getCollectionTime());
            if (collectors.get(i) instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
            }
        }
    }

    /** Starts watching now. */
    public static GcPauseWatch start() {
        return new GcPauseWatch();
    }

    /** Stops watching; the pauses since {@link #start()}. */
    public GcPauses stop() {
        long count = 0;
        long totalMillis = 0;
        for (int i = 0; i < collectors.size(); i++) {
            GarbageCollectorMXBean collector = collectors.get(i);
            if (collector instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (ListenerNotFoundException e) {
                    // Never added: nothing to remove.
                }
            }
            long pauses = Math.max(0, collector.getCollectionCount()) - countsBefore[i];
            count += pauses;
            totalMillis += Math.max(0, collector.getCollectionTime()) - millisBefore[i];
            // Notifications arrive from another thread a little after the pause: the last one may not be in yet.
            if (pauses > 0 && collector instanceof com.sun.management.GarbageCollectorMXBean detailed) {
                GcInfo last = detailed.getLastGcInfo();
                if (last != null && last.getId() > countsBefore[i]) {
                    longestMillis.accumulate(last.getDuration());
                }
            }
        }
        return new GcPauses(count, totalMillis, count == 0 ? 0 : Math.min(longestMillis.get(), totalMillis));
    }

    private void onNotification(Notification notification, Object handback) {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            longestMillis.accumulate(info.getGcInfo().getDuration());
        }
    }
}
