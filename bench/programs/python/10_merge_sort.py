def merge_sort(arr):
    if len(arr) <= 1:
        return arr
    mid = len(arr) // 2
    left = merge_sort(arr[:mid])
    right = merge_sort(arr[mid:])
    return merge(left, right)


def merge(left, right):
    result = []
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            result.append(left[i])
            i += 1
        else:
            result.append(right[j])
            j += 1
    result.extend(left[i:])
    result.extend(right[j:])
    return result


def count_inversions(arr):
    if len(arr) <= 1:
        return arr, 0
    mid = len(arr) // 2
    left, a = count_inversions(arr[:mid])
    right, b = count_inversions(arr[mid:])
    merged, inversions = [], a + b
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            merged.append(left[i])
            i += 1
        else:
            merged.append(right[j])
            inversions += len(left) - i
            j += 1
    merged += left[i:] + right[j:]
    return merged, inversions


words = ["banana", "apple", "cherry", "date", "fig", "elderberry", "grape"]
numbers = [38, 27, 43, 3, 9, 82, 10]
print("Sorted numbers:", merge_sort(numbers))
print("Sorted words:", merge_sort(words))
print("Inversions in", numbers, "=", count_inversions(numbers)[1])
print("Inversions in [1, 2, 3] =", count_inversions([1, 2, 3])[1])
print("Inversions in [5, 4, 3, 2, 1] =", count_inversions([5, 4, 3, 2, 1])[1])
