package main

import "fmt"

func bubbleSort(a []int) int {
	swaps := 0
	for i := 0; i < len(a)-1; i++ {
		swapped := false
		for j := 0; j < len(a)-1-i; j++ {
			if a[j] > a[j+1] {
				a[j], a[j+1] = a[j+1], a[j]
				swaps++
				swapped = true
			}
		}
		if !swapped {
			break
		}
	}
	return swaps
}

func main() {
	data := []int{64, 34, 25, 12, 22, 11, 90, 5}
	fmt.Println("Before:", data)
	swaps := bubbleSort(data)
	fmt.Println("After: ", data)
	fmt.Println("Swaps:", swaps)
	sorted := []int{1, 2, 3, 4, 5}
	fmt.Println("Swaps on sorted input:", bubbleSort(sorted))
}
