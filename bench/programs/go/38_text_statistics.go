package main

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

const text = `It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of
incredulity, it was the season of Light, it was the season of Darkness.

It was the spring of hope, it was the winter of despair. We had everything
before us, we had nothing before us.
`

func main() {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	nonEmpty := 0
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			nonEmpty++
		}
	}
	letters, upper, punct, sentences := 0, 0, 0, 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
		}
		if unicode.IsUpper(r) {
			upper++
		}
		if unicode.IsPunct(r) {
			punct++
		}
		if r == '.' || r == '!' || r == '?' {
			sentences++
		}
	}
	words := strings.Fields(text)
	freq := map[string]int{}
	hist := map[int]int{}
	totalLen, longest := 0, ""
	for _, w := range words {
		clean := strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }))
		freq[clean]++
		hist[len(clean)]++
		totalLen += len(clean)
		if len(clean) > len(longest) {
			longest = clean
		}
	}
	fmt.Println("characters:", len(text))
	fmt.Printf("lines: %d (non-empty %d)\n", len(lines), nonEmpty)
	fmt.Printf("words: %d, distinct: %d\n", len(words), len(freq))
	fmt.Println("sentences:", sentences)
	fmt.Printf("letters: %d, uppercase: %d, punctuation: %d\n", letters, upper, punct)
	fmt.Printf("average word length: %.2f\n", float64(totalLen)/float64(len(words)))
	fmt.Println("longest word:", longest)
	type kv struct {
		w string
		n int
	}
	var top []kv
	for w, n := range freq {
		top = append(top, kv{w, n})
	}
	sort.Slice(top, func(i, j int) bool {
		if top[i].n != top[j].n {
			return top[i].n > top[j].n
		}
		return top[i].w < top[j].w
	})
	fmt.Print("top 4:")
	for _, e := range top[:4] {
		fmt.Printf(" %s(%d)", e.w, e.n)
	}
	fmt.Println()
	lengths := make([]int, 0, len(hist))
	for l := range hist {
		lengths = append(lengths, l)
	}
	sort.Ints(lengths)
	fmt.Println("word length histogram:")
	for _, l := range lengths {
		fmt.Printf("%2d | %s %d\n", l, strings.Repeat("#", hist[l]), hist[l])
	}
}
