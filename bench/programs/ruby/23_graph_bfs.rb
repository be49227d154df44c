GRAPH = {
  'A' => %w[B C],
  'B' => %w[A D E],
  'C' => %w[A F],
  'D' => %w[B],
  'E' => %w[B F],
  'F' => %w[C E G],
  'G' => %w[F],
  'H' => %w[I],
  'I' => %w[H]
}.freeze

def bfs_order(graph, start)
  seen = { start => true }
  order = []
  queue = [start]
  until queue.empty?
    node = queue.shift
    order << node
    graph[node].each do |nxt|
      next if seen[nxt]

      seen[nxt] = true
      queue << nxt
    end
  end
  order
end

def shortest_path(graph, start, goal)
  parents = { start => nil }
  queue = [start]
  until queue.empty?
    node = queue.shift
    if node == goal
      path = []
      while node
        path << node
        node = parents[node]
      end
      return path.reverse
    end
    graph[node].each do |nxt|
      next if parents.key?(nxt)

      parents[nxt] = node
      queue << nxt
    end
  end
  nil
end

def components(graph)
  seen = {}
  graph.keys.each_with_object([]) do |node, result|
    next if seen[node]

    comp = bfs_order(graph, node)
    comp.each { |n| seen[n] = true }
    result << comp.sort
  end
end

puts "BFS from A: #{bfs_order(GRAPH, 'A').join(' ')}"
%w[G D H].each do |goal|
  path = shortest_path(GRAPH, 'A', goal)
  puts "A -> #{goal}: #{path ? path.join(' -> ') : 'unreachable'}"
end
puts "Components: #{components(GRAPH).inspect}"
