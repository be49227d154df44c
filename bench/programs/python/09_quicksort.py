def quicksort(arr):
    if len(arr) <= 1:
        return arr
    pivot = arr[len(arr) // 2]
    left = [x for x in arr if x < pivot]
    middle = [x for x in arr if x == pivot]
    right = [x for x in arr if x > pivot]
    return quicksort(left) + middle + quicksort(right)


def quicksort_inplace(arr, low=0, high=None):
    if high is None:
        high = len(arr) - 1
    if low < high:
        p = partition(arr, low, high)
        quicksort_inplace(arr, low, p - 1)
        quicksort_inplace(arr, p + 1, high)
    return arr


def partition(arr, low, high):
    pivot = arr[high]
    i = low - 1
    for j in range(low, high):
        if arr[j] <= pivot:
            i += 1
            arr[i], arr[j] = arr[j], arr[i]
    arr[i + 1], arr[high] = arr[high], arr[i + 1]
    return i + 1


data = [3, 6, 8, 10, 1, 2, 1, 15, -4, 7, 0]
print("Input:            ", data)
print("Quicksort:        ", quicksort(data))
print("In-place (Lomuto):", quicksort_inplace(list(data)))
# A larger deterministic input: a small linear congruential sequence.
values = []
x = 12345
for _ in range(2000):
    x = (x * 75 + 74) % 65537
    values.append(x % 1000)
sorted_values = quicksort(values)
print("2000 values sorted:", sorted_values == sorted(values))
print("Smallest five:", sorted_values[:5])
print("Largest five:", sorted_values[-5:])
