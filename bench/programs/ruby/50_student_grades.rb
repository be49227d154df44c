STUDENTS = {
  'alice' => [92, 88, 95, 79],
  'bob' => [75, 64, 80, 70],
  'carol' => [58, 62, 49, 71],
  'dave' => [88, 91, 85, 94],
  'erin' => [100, 97, 99, 98],
  'frank' => [45, 52, 60, 38]
}.freeze
WEIGHTS = [0.2, 0.2, 0.25, 0.35].freeze

Result = Struct.new(:name, :average, :grade)

def weighted_average(scores)
  scores.zip(WEIGHTS).sum { |s, w| s * w }
end

def letter(avg)
  [[90, 'A'], [80, 'B'], [70, 'C'], [60, 'D']].each do |threshold, grade|
    return grade if avg >= threshold
  end
  'F'
end

def median(values)
  sorted = values.sort
  mid = sorted.size / 2
  sorted.size.odd? ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0
end

def mean(values)
  values.sum.to_f / values.size
end

results = STUDENTS.map do |name, scores|
  avg = weighted_average(scores)
  Result.new(name, avg, letter(avg))
end.sort_by { |r| -r.average }

puts format('%-5s%-8s%8s  Grade', 'Rank', 'Name', 'Average')
results.each.with_index(1) do |r, rank|
  puts format('%-5d%-8s%8.2f  %s', rank, r.name.capitalize, r.average, r.grade)
end
averages = results.map(&:average)
puts format('Class mean: %.2f, median: %.2f', mean(averages), median(averages))
distribution = results.map(&:grade).tally.sort.map { |g, n| "#{g}=#{n}" }
puts "Distribution: #{distribution.join(', ')}"
WEIGHTS.each_index do |i|
  column = STUDENTS.values.map { |scores| scores[i] }
  puts format('Test %d: best %d, worst %d, mean %.1f', i + 1, column.max, column.min, mean(column))
end
passed = results.reject { |r| r.grade == 'F' }
puts "Passed: #{passed.size}/#{results.size}"
