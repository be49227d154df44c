package main

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

type wordCount struct {
	word  string
	count int
}

func main() {
	text := "The quick brown fox jumps over the lazy dog. The dog barks; the fox runs. " +
		"A quick brown dog? No, a quick red fox!"
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) })
	counts := map[string]int{}
	for _, w := range words {
		counts[w]++
	}
	fmt.Println("Distinct words:", len(counts))
	entries := make([]wordCount, 0, len(counts))
	for w, c := range counts {
		entries = append(entries, wordCount{w, c})
	}
	sort.Slice(entries, func(i, j int) bool {
		if entries[i].count != entries[j].count {
			return entries[i].count > entries[j].count
		}
		return entries[i].word < entries[j].word
	})
	fmt.Println("Top 5:")
	for _, e := range entries[:5] {
		fmt.Printf("  %-6s %d\n", e.word, e.count)
	}
	// fmt prints maps with sorted keys
	fmt.Println("All:", counts)
}
