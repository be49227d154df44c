def binary_search(arr, target):
    """Return (index, steps); index is -1 if target is absent."""
    low, high = 0, len(arr) - 1
    steps = 0
    while low <= high:
        steps += 1
        mid = (low + high) // 2
        if arr[mid] == target:
            return mid, steps
        if arr[mid] < target:
            low = mid + 1
        else:
            high = mid - 1
    return -1, steps


def lower_bound(arr, target):
    low, high = 0, len(arr)
    while low < high:
        mid = (low + high) // 2
        if arr[mid] < target:
            low = mid + 1
        else:
            high = mid
    return low


numbers = list(range(0, 200, 3))
for target in (0, 27, 99, 100, 198, 250):
    index, steps = binary_search(numbers, target)
    if index >= 0:
        print(f"Found {target} at index {index} in {steps} steps")
    else:
        print(f"{target} not found after {steps} steps (insert at {lower_bound(numbers, target)})")
