class CycleError < StandardError; end

def topo_sort(deps)
  color = Hash.new(:white)
  order = []
  visit = lambda do |node, path|
    raise CycleError, "cycle: #{(path + [node]).join(' -> ')}" if color[node] == :gray
    return if color[node] == :black

    color[node] = :gray
    deps[node].each { |dep| visit.call(dep, path + [node]) }
    color[node] = :black
    order << node
  end
  deps.keys.sort.each { |node| visit.call(node, []) }
  order
end

tasks = {
  'deploy' => %w[test build],
  'test' => %w[build],
  'build' => %w[compile assets],
  'compile' => %w[fetch],
  'assets' => %w[fetch],
  'fetch' => [],
  'docs' => %w[compile]
}
puts 'Build order:'
topo_sort(tasks).each.with_index(1) { |task, i| puts "  #{i}. #{task}" }
begin
  topo_sort({ 'a' => %w[b], 'b' => %w[c], 'c' => %w[a] })
rescue CycleError => e
  puts "Error: #{e.message}"
end
