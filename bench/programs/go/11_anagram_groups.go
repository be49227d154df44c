package main

import (
	"fmt"
	"sort"
	"strings"
)

func key(word string) string {
	r := []rune(strings.ToLower(strings.ReplaceAll(word, " ", "")))
	sort.Slice(r, func(i, j int) bool { return r[i] < r[j] })
	return string(r)
}

func main() {
	words := []string{"listen", "silent", "enlist", "google", "gooegl", "cat", "act", "tac", "dog", "god", "bird"}
	groups := map[string][]string{}
	for _, w := range words {
		k := key(w)
		groups[k] = append(groups[k], w)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("%s: %v\n", k, groups[k])
	}
	fmt.Println("Dormitory / Dirty room:", key("Dormitory") == key("Dirty room"))
	fmt.Println("Hello / World:", key("Hello") == key("World"))
}
