package org.c10klab.protocol.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.c10klab.protocol.ProtocolTestUtil.bytes;

import org.c10klab.protocol.resp.BulkString;
import org.junit.jupiter.api.Test;

/** {@link LruStore} evicts the least recently used entry first and keeps its entry and byte bounds and counters exact. */
class LruStoreTest {

    private static void put(LruStore store, String key, String value) {
        store.put(bytes(key), bytes(value));
    }

    private static BulkString get(LruStore store, String key) {
        return store.get(bytes(key));
    }

    @Test
    void evictsTheLeastRecentlyUsedEntryWhenFull() {
        LruStore store = new LruStore(3, 1_000);
        put(store, "a", "1");
        put(store, "b", "2");
        put(store, "c", "3");
        put(store, "d", "4");
        assertThat(get(store, "a")).isEqualTo(BulkString.NULL);
        assertThat(get(store, "b")).isEqualTo(BulkString.of("2"));
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.evictions()).isEqualTo(1);
    }

    @Test
    void aGetHitRefreshesRecency() {
        LruStore store = new LruStore(3, 1_000);
        put(store, "a", "1");
        put(store, "b", "2");
        put(store, "c", "3");
        assertThat(get(store, "a")).isEqualTo(BulkString.of("1"));
        put(store, "d", "4");
        assertThat(get(store, "b")).as("b became the eldest once a was read").isEqualTo(BulkString.NULL);
        assertThat(get(store, "a")).isEqualTo(BulkString.of("1"));
        assertThat(get(store, "c")).isEqualTo(BulkString.of("3"));
        assertThat(get(store, "d")).isEqualTo(BulkString.of("4"));
    }

    @Test
    void anOverwriteRefreshesRecency() {
        LruStore store = new LruStore(2, 1_000);
        put(store, "a", "1");
        put(store, "b", "2");
        put(store, "a", "1'");
        put(store, "c", "3");
        assertThat(get(store, "b")).isEqualTo(BulkString.NULL);
        assertThat(get(store, "a")).isEqualTo(BulkString.of("1'"));
    }

    @Test
    void theByteBoundEvictsAsManyEntriesAsNeeded() {
        LruStore store = new LruStore(100, 10);
        put(store, "a", "1234");   // 5 bytes
        put(store, "b", "12");     // 3 bytes: 8 in all
        put(store, "c", "1");      // 2 bytes: 10, exactly the bound
        assertThat(store.bytes()).isEqualTo(10);
        assertThat(store.evictions()).isZero();
        put(store, "d", "1234567"); // 8 bytes: a and b must go, c stays (2 + 8 = 10)
        assertThat(store.evictions()).isEqualTo(2);
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.bytes()).isEqualTo(10);
        assertThat(get(store, "c")).isEqualTo(BulkString.of("1"));
        assertThat(get(store, "d")).isEqualTo(BulkString.of("1234567"));
    }

    @Test
    void anEntryOfExactlyTheByteBoundEvictsEverythingElse() {
        LruStore store = new LruStore(100, 10);
        put(store, "a", "1");
        put(store, "b", "2");
        put(store, "key", "1234567");
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.bytes()).isEqualTo(10);
        assertThat(get(store, "key")).isEqualTo(BulkString.of("1234567"));
    }

    @Test
    void anEntryLargerThanTheByteBoundIsRefusedAndChangesNothing() {
        LruStore store = new LruStore(100, 10);
        put(store, "a", "1");
        assertThatThrownBy(() -> put(store, "key", "12345678"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entry of 11 bytes exceeds the store's 10");
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.bytes()).isEqualTo(2);
        assertThat(store.evictions()).isZero();
    }

    @Test
    void overwritesAccountForTheDifferenceInBytes() {
        LruStore store = new LruStore(100, 1_000);
        put(store, "key", "12345");
        assertThat(store.bytes()).isEqualTo(8);
        put(store, "key", "1");
        assertThat(store.bytes()).isEqualTo(4);
        put(store, "key", "1234567890");
        assertThat(store.bytes()).isEqualTo(13);
        put(store, "key", "");
        assertThat(store.bytes()).isEqualTo(3);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void removeFreesTheEntryAndItsBytes() {
        LruStore store = new LruStore(100, 1_000);
        put(store, "a", "123");
        put(store, "bb", "4");
        assertThat(store.remove(bytes("a"))).isTrue();
        assertThat(store.remove(bytes("a"))).isFalse();
        assertThat(store.remove(bytes("never"))).isFalse();
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.bytes()).isEqualTo(3);
        assertThat(get(store, "a")).isEqualTo(BulkString.NULL);
        assertThat(store.evictions()).isZero();
    }

    @Test
    void countsHitsMissesAndEvictions() {
        LruStore store = new LruStore(1, 1_000);
        get(store, "a");
        put(store, "a", "1");
        get(store, "a");
        get(store, "a");
        put(store, "b", "2");
        get(store, "a");
        assertThat(store.hits()).isEqualTo(2);
        assertThat(store.misses()).isEqualTo(2);
        assertThat(store.evictions()).isEqualTo(1);
    }

    @Test
    void binaryKeysAreDistinctByEveryByte() {
        LruStore store = new LruStore(100, 1_000);
        byte[] high = {(byte) 0xc3, (byte) 0xa9};
        byte[] other = {(byte) 0xc3, (byte) 0xa8};
        store.put(high, bytes("x"));
        store.put(other, bytes("y"));
        store.put(new byte[0], bytes("empty"));
        assertThat(store.get(high)).isEqualTo(BulkString.of("x"));
        assertThat(store.get(other)).isEqualTo(BulkString.of("y"));
        assertThat(store.get(new byte[0])).isEqualTo(BulkString.of("empty"));
        assertThat(store.bytes()).isEqualTo(2 + 1 + 2 + 1 + 5);
    }

    @Test
    void keysWithEqualHashesStayDistinctAndKeysMatchByContentNotArray() {
        LruStore store = new LruStore(2, 1_000);
        put(store, "Aa", "1");
        put(store, "BB", "2"); // the same hash as "Aa", as bytes and as a String
        assertThat(get(store, "Aa")).isEqualTo(BulkString.of("1"));
        assertThat(get(store, "BB")).isEqualTo(BulkString.of("2"));
        assertThat(store.remove(bytes("Aa"))).isTrue();
        assertThat(get(store, "BB")).isEqualTo(BulkString.of("2"));
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.bytes()).isEqualTo(3);
    }

    @Test
    void refusesNonPositiveBounds() {
        assertThatThrownBy(() -> new LruStore(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LruStore(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
