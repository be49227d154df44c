def bubble_sort(items):
    """Sort a copy of items with bubble sort; return (sorted, swaps)."""
    arr = list(items)
    swaps = 0
    n = len(arr)
    for i in range(n):
        swapped = False
        for j in range(0, n - i - 1):
            if arr[j] > arr[j + 1]:
                arr[j], arr[j + 1] = arr[j + 1], arr[j]
                swaps += 1
                swapped = True
        if not swapped:
            break
    return arr, swaps


test_cases = [
    [64, 34, 25, 12, 22, 11, 90],
    [5, 1, 4, 2, 8],
    [1, 2, 3, 4, 5],
    [],
    [3, 3, 1, 2, 1],
]
for case in test_cases:
    result, swaps = bubble_sort(case)
    print(f"{case} -> {result} ({swaps} swaps)")
