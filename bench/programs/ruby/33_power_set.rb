def power_set(items)
  items.reduce([[]]) { |subsets, item| subsets + subsets.map { |s| s + [item] } }
end

def subsets_with_sum(numbers, target)
  result = []
  backtrack = lambda do |start, chosen, total|
    result << chosen.dup if total == target
    (start...numbers.size).each do |i|
      next if total + numbers[i] > target

      chosen << numbers[i]
      backtrack.call(i + 1, chosen, total + numbers[i])
      chosen.pop
    end
  end
  backtrack.call(0, [], 0)
  result
end

ps = power_set(%w[x y z])
puts "Power set of xyz (#{ps.size} subsets):"
ps.sort_by { |s| [s.size, s] }.each { |s| puts "  {#{s.join(', ')}}" }
nums = [3, 34, 4, 12, 5, 2]
puts "Subsets of #{nums.inspect} summing to 9:"
subsets_with_sum(nums, 9).each { |s| puts "   #{s.inspect}" }
puts "Size of power set of 12 items: #{power_set((0...12).to_a).size}"
