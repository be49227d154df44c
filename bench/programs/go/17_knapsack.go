package main

import "fmt"

type Item struct {
	Name   string
	Weight int
	Value  int
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func main() {
	items := []Item{{"map", 9, 150}, {"compass", 13, 35}, {"water", 153, 200}, {"sandwich", 50, 160},
		{"glucose", 15, 60}, {"tin", 68, 45}, {"banana", 27, 60}, {"apple", 39, 40},
		{"cheese", 23, 30}, {"beer", 52, 10}, {"suntan", 11, 70}, {"camera", 32, 30}}
	capacity := 200
	n := len(items)
	dp := make([][]int, n+1)
	for i := range dp {
		dp[i] = make([]int, capacity+1)
	}
	for i := 1; i <= n; i++ {
		it := items[i-1]
		for w := 0; w <= capacity; w++ {
			dp[i][w] = dp[i-1][w]
			if it.Weight <= w {
				dp[i][w] = maxInt(dp[i][w], dp[i-1][w-it.Weight]+it.Value)
			}
		}
	}
	var chosen []Item
	w := capacity
	for i := n; i > 0; i-- {
		if dp[i][w] != dp[i-1][w] {
			chosen = append([]Item{items[i-1]}, chosen...)
			w -= items[i-1].Weight
		}
	}
	total := 0
	for _, it := range chosen {
		fmt.Printf("take %s (w=%d, v=%d)\n", it.Name, it.Weight, it.Value)
		total += it.Weight
	}
	fmt.Printf("Total value: %d, total weight: %d/%d\n", dp[n][capacity], total, capacity)

	coins := []int{1, 5, 10, 25, 50}
	ways := make([]int64, 101)
	ways[0] = 1
	for _, c := range coins {
		for v := c; v <= 100; v++ {
			ways[v] += ways[v-c]
		}
	}
	fmt.Println("Ways to make 100 cents:", ways[100])
}
