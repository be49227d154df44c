def quicksort(arr)
  return arr if arr.size <= 1

  pivot = arr[arr.size / 2]
  left = arr.select { |x| x < pivot }
  middle = arr.select { |x| x == pivot }
  right = arr.select { |x| x > pivot }
  quicksort(left) + middle + quicksort(right)
end

def partition(arr, low, high)
  pivot = arr[high]
  i = low - 1
  (low...high).each do |j|
    if arr[j] <= pivot
      i += 1
      arr[i], arr[j] = arr[j], arr[i]
    end
  end
  arr[i + 1], arr[high] = arr[high], arr[i + 1]
  i + 1
end

def quicksort_inplace(arr, low = 0, high = arr.size - 1)
  if low < high
    p = partition(arr, low, high)
    quicksort_inplace(arr, low, p - 1)
    quicksort_inplace(arr, p + 1, high)
  end
  arr
end

data = [3, 6, 8, 10, 1, 2, 1, 15, -4, 7, 0]
puts "Input:             #{data.inspect}"
puts "Quicksort:         #{quicksort(data).inspect}"
puts "In-place (Lomuto): #{quicksort_inplace(data.dup).inspect}"
# A larger deterministic input: a small linear congruential sequence.
x = 12_345
values = Array.new(2000) do
  x = (x * 75 + 74) % 65_537
  x % 1000
end
sorted_values = quicksort(values)
puts "2000 values sorted: #{sorted_values == values.sort}"
puts "Smallest five: #{sorted_values.first(5).inspect}"
puts "Largest five: #{sorted_values.last(5).inspect}"
