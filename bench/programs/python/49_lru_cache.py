class Node:
    __slots__ = ("key", "value", "prev", "next")

    def __init__(self, key=None, value=None):
        self.key = key
        self.value = value
        self.prev = None
        self.next = None


class LRUCache:
    """A least-recently-used cache: dict + doubly linked list."""

    def __init__(self, capacity):
        self.capacity = capacity
        self.map = {}
        self.head = Node()
        self.tail = Node()
        self.head.next = self.tail
        self.tail.prev = self.head
        self.hits = 0
        self.misses = 0
        self.evictions = []

    def _unlink(self, node):
        node.prev.next = node.next
        node.next.prev = node.prev

    def _push_front(self, node):
        node.next = self.head.next
        node.prev = self.head
        self.head.next.prev = node
        self.head.next = node

    def get(self, key):
        node = self.map.get(key)
        if node is None:
            self.misses += 1
            return None
        self.hits += 1
        self._unlink(node)
        self._push_front(node)
        return node.value

    def put(self, key, value):
        node = self.map.get(key)
        if node:
            node.value = value
            self._unlink(node)
            self._push_front(node)
            return
        if len(self.map) == self.capacity:
            lru = self.tail.prev
            self._unlink(lru)
            del self.map[lru.key]
            self.evictions.append(lru.key)
        node = Node(key, value)
        self.map[key] = node
        self._push_front(node)

    def keys(self):
        out, node = [], self.head.next
        while node is not self.tail:
            out.append(node.key)
            node = node.next
        return out


cache = LRUCache(3)
ops = [("put", "a", 1), ("put", "b", 2), ("put", "c", 3), ("get", "a"), ("put", "d", 4),
       ("get", "b"), ("get", "c"), ("put", "a", 10), ("put", "e", 5), ("get", "a"), ("get", "d")]
for op in ops:
    if op[0] == "put":
        cache.put(op[1], op[2])
        print(f"put({op[1]}, {op[2]}) -> order {cache.keys()}")
    else:
        print(f"get({op[1]}) = {cache.get(op[1])} -> order {cache.keys()}")
print(f"hits={cache.hits} misses={cache.misses} evicted={cache.evictions}")

# A cyclic access pattern over more keys than the cache holds thrashes LRU.
big = LRUCache(50)
for i in range(2000):
    key = (i * 7) % 60
    if big.get(key) is None:
        big.put(key, key * key)
print(f"pattern: hits={big.hits} misses={big.misses} evictions={len(big.evictions)}")
