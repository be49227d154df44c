CSV_DATA = <<~CSV
  region,product,units,unit_price
  north,widget,120,2.50
  south,widget,80,2.50
  north,gadget,15,12.00
  east,widget,200,2.25
  south,gizmo,42,7.75
  east,gadget,9,12.00
  west,gizmo,60,7.50
  north,gizmo,33,7.75
  west,widget,150,2.40
CSV

Row = Struct.new(:region, :product, :units, :unit_price) do
  def revenue
    units * unit_price
  end
end

def parse_csv(text)
  lines = text.strip.lines.map(&:chomp)
  header = lines.shift.split(',').map(&:to_sym)
  lines.map do |line|
    fields = header.zip(line.split(',')).to_h
    Row.new(fields[:region], fields[:product], fields[:units].to_i, fields[:unit_price].to_f)
  end
end

rows = parse_csv(CSV_DATA)
puts "Parsed #{rows.size} rows"
%i[region product].each do |key|
  puts "Revenue by #{key}:"
  totals = rows.group_by(&key).transform_values { |rs| [rs.sum(&:units), rs.sum(&:revenue)] }
  totals.sort_by { |_, (_, amount)| -amount }.each do |name, (units, amount)|
    puts format('  %-8s units=%4d  revenue=%8.2f', name, units, amount)
  end
end
puts format('Grand total: %.2f', rows.sum(&:revenue))
best = rows.max_by(&:revenue)
puts format('Best line: %s %s (%.2f)', best.region, best.product, best.revenue)
