def merge(left, right)
  result = []
  until left.empty? || right.empty?
    result << (left.first <= right.first ? left.shift : right.shift)
  end
  result + left + right
end

def merge_sort(arr)
  return arr if arr.size <= 1

  mid = arr.size / 2
  merge(merge_sort(arr[0...mid]), merge_sort(arr[mid..]))
end

def count_inversions(arr)
  return [arr, 0] if arr.size <= 1

  mid = arr.size / 2
  left, a = count_inversions(arr[0...mid])
  right, b = count_inversions(arr[mid..])
  merged = []
  inversions = a + b
  i = j = 0
  while i < left.size && j < right.size
    if left[i] <= right[j]
      merged << left[i]
      i += 1
    else
      merged << right[j]
      inversions += left.size - i
      j += 1
    end
  end
  [merged + left[i..] + right[j..], inversions]
end

words = %w[banana apple cherry date fig elderberry grape]
numbers = [38, 27, 43, 3, 9, 82, 10]
puts "Sorted numbers: #{merge_sort(numbers).inspect}"
puts "Sorted words: #{merge_sort(words).inspect}"
puts "Inversions in #{numbers.inspect} = #{count_inversions(numbers)[1]}"
puts "Inversions in [1, 2, 3] = #{count_inversions([1, 2, 3])[1]}"
puts "Inversions in [5, 4, 3, 2, 1] = #{count_inversions([5, 4, 3, 2, 1])[1]}"
