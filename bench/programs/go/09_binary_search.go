package main

import (
	"fmt"
	"sort"
)

func binarySearch(a []int, target int) int {
	lo, hi, steps := 0, len(a)-1, 0
	for lo <= hi {
		steps++
		mid := lo + (hi-lo)/2
		switch {
		case a[mid] == target:
			fmt.Printf("  found %d in %d steps\n", target, steps)
			return mid
		case a[mid] < target:
			lo = mid + 1
		default:
			hi = mid - 1
		}
	}
	fmt.Printf("  %d not found after %d steps\n", target, steps)
	return -1
}

func isqrt(n int64) int64 {
	lo, hi := int64(0), n
	for lo < hi {
		mid := lo + (hi-lo+1)/2
		if mid <= n/mid {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

func main() {
	sorted := make([]int, 100)
	for i := range sorted {
		sorted[i] = i * 3
	}
	for _, t := range []int{0, 42, 297, 100, -1} {
		idx := binarySearch(sorted, t)
		fmt.Printf("search %d -> index %d\n", t, idx)
	}
	dup := []int{1, 2, 2, 2, 5, 7, 7, 9}
	for _, t := range []int{2, 6, 7, 10} {
		lb := sort.SearchInts(dup, t)
		ub := sort.Search(len(dup), func(i int) bool { return dup[i] > t })
		fmt.Printf("value %d: lower bound %d, upper bound %d, count %d\n", t, lb, ub, ub-lb)
	}
	for _, n := range []int64{0, 15, 16, 1000000, 999999999999} {
		fmt.Printf("isqrt(%d) = %d\n", n, isqrt(n))
	}
}
