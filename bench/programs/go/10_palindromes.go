package main

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

func isPalindrome(s string) bool {
	var cleaned []rune
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			cleaned = append(cleaned, r)
		}
	}
	for i, j := 0, len(cleaned)-1; i < j; i, j = i+1, j-1 {
		if cleaned[i] != cleaned[j] {
			return false
		}
	}
	return true
}

func longestPalindrome(s string) string {
	bestStart, bestLen := 0, 0
	for center := 0; center < len(s); center++ {
		for odd := 0; odd < 2; odd++ {
			l, r := center, center+odd
			for l >= 0 && r < len(s) && s[l] == s[r] {
				l--
				r++
			}
			if r-l-1 > bestLen {
				bestLen = r - l - 1
				bestStart = l + 1
			}
		}
	}
	return s[bestStart : bestStart+bestLen]
}

func main() {
	for _, t := range []string{"racecar", "A man, a plan, a canal: Panama", "hello", "Was it a car or a cat I saw?", "12321", ""} {
		fmt.Printf("%q -> %v\n", t, isPalindrome(t))
	}
	for _, t := range []string{"babad", "forgeeksskeegfor", "abacdfgdcaba"} {
		fmt.Printf("longest in %s: %s\n", t, longestPalindrome(t))
	}
	count := 0
	for n := 1; n <= 1000; n++ {
		if isPalindrome(strconv.Itoa(n)) {
			count++
		}
	}
	fmt.Println("Palindromic numbers 1..1000:", count)
}
