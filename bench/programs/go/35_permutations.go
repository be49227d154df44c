package main

import (
	"fmt"
	"sort"
)

func permutations(s []rune) []string {
	var out []string
	var rec func(k int)
	rec = func(k int) {
		if k == len(s) {
			out = append(out, string(s))
			return
		}
		seen := map[rune]bool{}
		for i := k; i < len(s); i++ {
			if seen[s[i]] {
				continue
			}
			seen[s[i]] = true
			s[k], s[i] = s[i], s[k]
			rec(k + 1)
			s[k], s[i] = s[i], s[k]
		}
	}
	rec(0)
	return out
}

func subsets(items []int) [][]int {
	out := [][]int{{}}
	for _, x := range items {
		n := len(out)
		for i := 0; i < n; i++ {
			next := append(append([]int(nil), out[i]...), x)
			out = append(out, next)
		}
	}
	return out
}

func combinations(n, k int) [][]int {
	var out [][]int
	var cur []int
	var rec func(start int)
	rec = func(start int) {
		if len(cur) == k {
			out = append(out, append([]int(nil), cur...))
			return
		}
		for i := start; i <= n; i++ {
			cur = append(cur, i)
			rec(i + 1)
			cur = cur[:len(cur)-1]
		}
	}
	rec(1)
	return out
}

func main() {
	fmt.Println("permutations of abc:", permutations([]rune("abc")))
	p := permutations([]rune("aabb"))
	sort.Strings(p)
	fmt.Printf("distinct permutations of aabb (%d): %v\n", len(p), p)
	fmt.Println("subsets of [1 2 3]:", subsets([]int{1, 2, 3}))
	c := combinations(5, 3)
	fmt.Printf("C(5,3) = %d: %v\n", len(c), c)
}
