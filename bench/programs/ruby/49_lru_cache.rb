# A least-recently-used cache. Ruby hashes keep insertion order, so the first
# key is always the least recently used one.
class LRUCache
  attr_reader :hits, :misses, :evictions

  def initialize(capacity)
    @capacity = capacity
    @store = {}
    @hits = 0
    @misses = 0
    @evictions = []
  end

  def get(key)
    unless @store.key?(key)
      @misses += 1
      return nil
    end
    @hits += 1
    value = @store.delete(key)
    @store[key] = value
  end

  def put(key, value)
    if @store.key?(key)
      @store.delete(key)
    elsif @store.size == @capacity
      lru, = @store.first
      @store.delete(lru)
      @evictions << lru
    end
    @store[key] = value
  end

  def keys
    @store.keys.reverse
  end
end

def show(keys)
  "[#{keys.map { |k| "'#{k}'" }.join(', ')}]"
end

cache = LRUCache.new(3)
ops = [[:put, 'a', 1], [:put, 'b', 2], [:put, 'c', 3], [:get, 'a'], [:put, 'd', 4],
       [:get, 'b'], [:get, 'c'], [:put, 'a', 10], [:put, 'e', 5], [:get, 'a'], [:get, 'd']]
ops.each do |op, key, value|
  if op == :put
    cache.put(key, value)
    puts "put(#{key}, #{value}) -> order #{show(cache.keys)}"
  else
    got = cache.get(key)
    puts "get(#{key}) = #{got.nil? ? 'None' : got} -> order #{show(cache.keys)}"
  end
end
puts "hits=#{cache.hits} misses=#{cache.misses} evicted=#{show(cache.evictions)}"

# A cyclic access pattern over more keys than the cache holds thrashes LRU.
big = LRUCache.new(50)
2000.times do |i|
  key = (i * 7) % 60
  big.put(key, key * key) if big.get(key).nil?
end
puts "pattern: hits=#{big.hits} misses=#{big.misses} evictions=#{big.evictions.size}"
