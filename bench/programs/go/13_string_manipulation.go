package main

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

func titleCase(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		r := []rune(strings.ToLower(w))
		r[0] = unicode.ToUpper(r[0])
		out[i] = string(r)
	}
	return strings.Join(out, " ")
}

func toSnakeCase(s string) string {
	re := regexp.MustCompile(`([a-z0-9])([A-Z])`)
	return strings.ToLower(re.ReplaceAllString(s, "${1}_${2}"))
}

func main() {
	s := "  the Quick brown FOX   jumps  "
	t := strings.TrimSpace(s)
	words := strings.Fields(s)
	fmt.Printf("Original:   [%s]\n", s)
	fmt.Printf("Trimmed:    [%s]\n", t)
	fmt.Printf("Reversed:   [%s]\n", reverse(t))
	rev := make([]string, len(words))
	for i, w := range words {
		rev[len(words)-1-i] = w
	}
	fmt.Printf("Word order: [%s]\n", strings.Join(rev, " "))
	fmt.Printf("Title case: [%s]\n", titleCase(words))
	fmt.Printf("Upper:      [%s]\n", strings.ToUpper(t))
	vowels := 0
	for _, r := range strings.ToLower(s) {
		if strings.ContainsRune("aeiou", r) {
			vowels++
		}
	}
	fmt.Println("Vowels:    ", vowels)
	fmt.Println("Contains 'brown':", strings.Contains(s, "brown"))
	fmt.Println("Index of 'FOX':", strings.Index(s, "FOX"))
	fmt.Println("Snake case:", toSnakeCase("parseHttpResponseCode2Xx"))
	fmt.Println("Repeat:    ", strings.Repeat("ab", 4))
	fmt.Println("Joined:    ", strings.Join([]string{"2024", "01", "15"}, "-"))
	fmt.Println("Replaced:  ", strings.NewReplacer("Quick", "slow", "FOX", "turtle").Replace(t))
	fmt.Println("Split:     ", strings.Split("a,b,,c", ","), len(strings.Split("a,b,,c", ",")))
}
