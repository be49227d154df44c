package main

import "fmt"

func min3(a, b, c int) int {
	m := a
	if b < m {
		m = b
	}
	if c < m {
		m = c
	}
	return m
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min3(cur[j-1]+1, prev[j]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func main() {
	pairs := [][2]string{{"kitten", "sitting"}, {"flaw", "lawn"}, {"intention", "execution"}, {"", "abc"}, {"same", "same"}}
	for _, p := range pairs {
		fmt.Printf("%s -> %s: %d\n", p[0], p[1], levenshtein(p[0], p[1]))
	}
	dictionary := []string{"apple", "apply", "ample", "maple", "angle", "appeal"}
	typo := "appel"
	best, bestDist := "", 1<<31
	for _, w := range dictionary {
		d := levenshtein(typo, w)
		fmt.Printf("  distance(%s, %s) = %d\n", typo, w, d)
		if d < bestDist {
			best, bestDist = w, d
		}
	}
	fmt.Printf("Did you mean: %s?\n", best)
}
