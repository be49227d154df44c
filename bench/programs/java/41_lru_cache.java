import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

public class Main {
    // Hand-written LRU cache: hash map + doubly linked list
    static class LRUCache<K, V> {
        private class Node {
            K key;
            V value;
            Node prev, next;
        }

        private final int capacity;
        private final Map<K, Node> map = new HashMap<>();
        private final Node head = new Node(), tail = new Node();
        int hits, misses;

        LRUCache(int capacity) {
            this.capacity = capacity;
            head.next = tail;
            tail.prev = head;
        }

        V get(K key) {
            Node n = map.get(key);
            if (n == null) { misses++; return null; }
            hits++;
            unlink(n);
            pushFront(n);
            return n.value;
        }

        void put(K key, V value) {
            Node n = map.get(key);
            if (n != null) {
                n.value = value;
                unlink(n);
                pushFront(n);
                return;
            }
            if (map.size() == capacity) {
                Node lru = tail.prev;
                unlink(lru);
                map.remove(lru.key);
                System.out.println("  evict " + lru.key);
            }
            n = new Node();
            n.key = key;
            n.value = value;
            map.put(key, n);
            pushFront(n);
        }

        private void unlink(Node n) { n.prev.next = n.next; n.next.prev = n.prev; }
        private void pushFront(Node n) { n.next = head.next; n.prev = head; head.next.prev = n; head.next = n; }

        @Override public String toString() {
            StringBuilder sb = new StringBuilder("[");
            for (Node n = head.next; n != tail; n = n.next) {
                if (n != head.next) sb.append(", ");
                sb.append(n.key).append('=').append(n.value);
            }
            return sb.append(']').toString();
        }
    }

    public static void main(String[] args) {
        LRUCache<String, Integer> cache = new LRUCache<>(3);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("c", 3);
        System.out.println("get a -> " + cache.get("a"));
        cache.put("d", 4);
        System.out.println("get b -> " + cache.get("b"));
        cache.put("c", 30);
        cache.put("e", 5);
        System.out.println("cache: " + cache);
        System.out.println("hits=" + cache.hits + " misses=" + cache.misses);

        // The same behaviour with LinkedHashMap in access order
        Map<String, Integer> lhm = new LinkedHashMap<>(16, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) { return size() > 3; }
        };
        lhm.put("a", 1); lhm.put("b", 2); lhm.put("c", 3);
        lhm.get("a");
        lhm.put("d", 4);
        lhm.put("c", 30);
        lhm.put("e", 5);
        System.out.println("LinkedHashMap LRU (eldest first): " + lhm);
    }
}
