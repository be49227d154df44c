def binary_search(arr, target)
  low = 0
  high = arr.size - 1
  steps = 0
  while low <= high
    steps += 1
    mid = (low + high) / 2
    return [mid, steps] if arr[mid] == target

    if arr[mid] < target
      low = mid + 1
    else
      high = mid - 1
    end
  end
  [-1, steps]
end

def lower_bound(arr, target)
  (0...arr.size).bsearch { |i| arr[i] >= target } || arr.size
end

numbers = (0...200).step(3).to_a
[0, 27, 99, 100, 198, 250].each do |target|
  index, steps = binary_search(numbers, target)
  if index >= 0
    puts "Found #{target} at index #{index} in #{steps} steps"
  else
    puts "#{target} not found after #{steps} steps (insert at #{lower_bound(numbers, target)})"
  end
end
