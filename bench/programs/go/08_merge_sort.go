package main

import "fmt"

func mergeSort[T int | float64 | string](items []T) []T {
	if len(items) <= 1 {
		return items
	}
	mid := len(items) / 2
	left := mergeSort(items[:mid])
	right := mergeSort(items[mid:])
	merged := make([]T, 0, len(items))
	i, j := 0, 0
	for i < len(left) && j < len(right) {
		if right[j] < left[i] {
			merged = append(merged, right[j])
			j++
		} else {
			merged = append(merged, left[i])
			i++
		}
	}
	merged = append(merged, left[i:]...)
	merged = append(merged, right[j:]...)
	return merged
}

func main() {
	words := []string{"pear", "apple", "fig", "banana", "kiwi", "cherry", "date", "grape"}
	fmt.Println("Unsorted:", words)
	fmt.Println("Sorted:  ", mergeSort(words))
	nums := []int{5, -2, 9, 0, 5, 3, -7, 1}
	fmt.Println("Numbers: ", mergeSort(nums))
	fmt.Println("Floats:  ", mergeSort([]float64{2.5, -1.25, 3.0, 0.5}))
}
