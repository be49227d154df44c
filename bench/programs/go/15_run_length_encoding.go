package main

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

func encode(s string) string {
	var sb strings.Builder
	r := []rune(s)
	for i := 0; i < len(r); {
		j := i
		for j < len(r) && r[j] == r[i] {
			j++
		}
		sb.WriteString(strconv.Itoa(j - i))
		sb.WriteRune(r[i])
		i = j
	}
	return sb.String()
}

func decode(s string) string {
	var sb strings.Builder
	count := 0
	for _, c := range s {
		if unicode.IsDigit(c) {
			count = count*10 + int(c-'0')
		} else {
			sb.WriteString(strings.Repeat(string(c), count))
			count = 0
		}
	}
	return sb.String()
}

func main() {
	inputs := []string{"AAAABBBCCDAA", "WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWBWWWWWWWWWWWWWW", "abc", "", strings.Repeat("z", 30)}
	for _, in := range inputs {
		enc := encode(in)
		fmt.Printf("'%s'\n", in)
		fmt.Printf("  encoded: %s\n", enc)
		ratio := "n/a"
		if len(in) > 0 {
			ratio = fmt.Sprintf("%.2f", float64(len(enc))/float64(len(in)))
		}
		fmt.Printf("  round trip ok: %v, ratio %s\n", decode(enc) == in, ratio)
	}
}
