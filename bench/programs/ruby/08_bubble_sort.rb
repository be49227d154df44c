def bubble_sort(items)
  arr = items.dup
  swaps = 0
  n = arr.size
  n.times do |i|
    swapped = false
    (0...(n - i - 1)).each do |j|
      next unless arr[j] > arr[j + 1]

      arr[j], arr[j + 1] = arr[j + 1], arr[j]
      swaps += 1
      swapped = true
    end
    break unless swapped
  end
  [arr, swaps]
end

test_cases = [
  [64, 34, 25, 12, 22, 11, 90],
  [5, 1, 4, 2, 8],
  [1, 2, 3, 4, 5],
  [],
  [3, 3, 1, 2, 1]
]
test_cases.each do |tc|
  sorted, swaps = bubble_sort(tc)
  puts "#{tc.inspect} -> #{sorted.inspect} (#{swaps} swaps)"
end
