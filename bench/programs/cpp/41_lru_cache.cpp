#include <iostream>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

template <typename K, typename V>
class LRUCache {
public:
    explicit LRUCache(size_t capacity) : capacity_(capacity) {}

    std::optional<V> get(const K& key) {
        auto it = index_.find(key);
        if (it == index_.end()) {
            ++misses;
            return std::nullopt;
        }
        ++hits;
        items_.splice(items_.begin(), items_, it->second);
        return it->second->second;
    }

    void put(const K& key, const V& value) {
        auto it = index_.find(key);
        if (it != index_.end()) {
            it->second->second = value;
            items_.splice(items_.begin(), items_, it->second);
            return;
        }
        if (items_.size() == capacity_) {
            const auto& lru = items_.back();
            std::cout << "  evict " << lru.first << '\n';
            index_.erase(lru.first);
            items_.pop_back();
        }
        items_.emplace_front(key, value);
        index_[key] = items_.begin();
    }

    void print() const {
        std::cout << "cache (most recent first):";
        for (const auto& [k, v] : items_) std::cout << ' ' << k << '=' << v;
        std::cout << '\n';
    }

    int hits = 0, misses = 0;

private:
    size_t capacity_;
    std::list<std::pair<K, V>> items_;
    std::unordered_map<K, typename std::list<std::pair<K, V>>::iterator> index_;
};

int main() {
    LRUCache<std::string, int> cache(3);
    cache.put("a", 1);
    cache.put("b", 2);
    cache.put("c", 3);
    auto a = cache.get("a");
    std::cout << "get a -> " << (a ? std::to_string(*a) : "miss") << '\n';
    cache.put("d", 4);
    auto b = cache.get("b");
    std::cout << "get b -> " << (b ? std::to_string(*b) : "miss") << '\n';
    cache.put("c", 30);
    cache.put("e", 5);
    cache.print();
    std::cout << "hits=" << cache.hits << " misses=" << cache.misses << '\n';

    LRUCache<int, long long> fibCache(100);
    long long x = 0, y = 1;
    for (int i = 0; i < 50; ++i) {
        fibCache.put(i, x);
        long long t = x + y;
        x = y;
        y = t;
    }
    std::cout << "cached fib(49) = " << fibCache.get(49).value_or(-1) << ", fib(60) cached: " << std::boolalpha << fibCache.get(60).has_value() << '\n';
    return 0;
}
