def dijkstra(graph, source)
  dist = Hash.new(Float::INFINITY)
  prev = {}
  dist[source] = 0
  visited = {}
  # A sorted array as a simple priority queue.
  queue = [[0, source]]
  until queue.empty?
    d, node = queue.shift
    next if visited[node]

    visited[node] = true
    graph[node].each do |neighbour, weight|
      nd = d + weight
      next unless nd < dist[neighbour]

      dist[neighbour] = nd
      prev[neighbour] = node
      index = queue.bsearch_index { |item| (item <=> [nd, neighbour]) >= 0 } || queue.size
      queue.insert(index, [nd, neighbour])
    end
  end
  [dist, prev]
end

def path_to(prev, target)
  path = [target]
  path << prev[path.last] while prev[path.last]
  path.reverse
end

edges = [
  %w[A B 4], %w[A C 2], %w[B C 5], %w[B D 10],
  %w[C E 3], %w[E D 4], %w[D F 11], %w[E F 9], %w[G F 1]
]
graph = Hash.new { |h, k| h[k] = [] }
edges.each do |u, v, w|
  graph[u] << [v, w.to_i]
  graph[v] << [u, w.to_i]
end
dist, prev = dijkstra(graph, 'A')
graph.keys.sort.each do |node|
  if dist[node] == Float::INFINITY
    puts "#{node}: unreachable"
  else
    puts format('%s: %2d via %s', node, dist[node], path_to(prev, node).join(' -> '))
  end
end
