package main

import (
	"fmt"
	"strings"
	"unicode"
)

func shift(text string, key int) string {
	k := rune(((key % 26) + 26) % 26)
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'A' && r <= 'Z':
			return 'A' + (r-'A'+k)%26
		case r >= 'a' && r <= 'z':
			return 'a' + (r-'a'+k)%26
		}
		return r
	}, text)
}

func vigenere(text, key string, encrypt bool) string {
	var sb strings.Builder
	j := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			k := int(key[j%len(key)] - 'a')
			if !encrypt {
				k = -k
			}
			sb.WriteString(shift(string(r), k))
			j++
		} else {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

func crack(cipher string) int {
	var freq [26]int
	for _, r := range strings.ToLower(cipher) {
		if r >= 'a' && r <= 'z' {
			freq[r-'a']++
		}
	}
	best := 0
	for i := 1; i < 26; i++ {
		if freq[i] > freq[best] {
			best = i
		}
	}
	return (best - ('e' - 'a') + 26) % 26
}

func main() {
	msg := "Meet me near the tree at seven, bring the secret letter!"
	enc := shift(msg, 7)
	fmt.Println("plain:   ", msg)
	fmt.Println("caesar+7:", enc)
	fmt.Println("decrypt: ", shift(enc, -7))
	g := crack(enc)
	fmt.Printf("cracked key: %d -> %s\n", g, shift(enc, -g))
	v := vigenere("Attack at dawn", "lemon", true)
	fmt.Printf("vigenere: %s -> %s\n", v, vigenere(v, "lemon", false))
	fmt.Println("rot13 twice:", shift(shift("Hello, World", 13), 13))
}
