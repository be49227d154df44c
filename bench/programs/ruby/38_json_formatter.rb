def format_value(value, indent = 0, step = 2)
  pad = ' ' * indent
  inner = ' ' * (indent + step)
  case value
  when Hash
    return '{}' if value.empty?

    items = value.map { |k, v| "#{inner}\"#{k}\": #{format_value(v, indent + step, step)}" }
    "{\n#{items.join(",\n")}\n#{pad}}"
  when Array
    return '[]' if value.empty?
    return "[#{value.map { |v| format_value(v) }.join(', ')}]" if value.none? { |v| v.is_a?(Hash) || v.is_a?(Array) }

    items = value.map { |v| inner + format_value(v, indent + step, step) }
    "[\n#{items.join(",\n")}\n#{pad}]"
  when nil then 'null'
  when String
    escaped = value.gsub('\\') { '\\\\' }.gsub('"', '\\"').gsub("\n", '\\n')
    "\"#{escaped}\""
  else value.to_s
  end
end

def count_leaves(value)
  case value
  when Hash then value.values.sum { |v| count_leaves(v) }
  when Array then value.sum { |v| count_leaves(v) }
  else 1
  end
end

def max_depth(value)
  case value
  when Hash then 1 + (value.values.map { |v| max_depth(v) }.max || 0)
  when Array then 1 + (value.map { |v| max_depth(v) }.max || 0)
  else 0
  end
end

document = {
  'name' => 'inventory-service',
  'version' => 3,
  'active' => true,
  'owner' => nil,
  'tags' => %w[api internal v3],
  'limits' => { 'cpu' => 2, 'memory_mb' => 512, 'burst' => false },
  'endpoints' => [
    { 'path' => '/items', 'methods' => %w[GET POST], 'auth' => true },
    { 'path' => '/health', 'methods' => %w[GET], 'auth' => false }
  ],
  'notes' => "Line one\nSays \"hi\"",
  'empty' => {},
  'nothing' => []
}

puts format_value(document)
puts "leaves: #{count_leaves(document)}, depth: #{max_depth(document)}"
