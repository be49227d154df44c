package main

import (
	"fmt"
	"strings"
)

var ones = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
	"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
var tens = []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
var scales = []string{"", " thousand", " million", " billion", " trillion"}

func below1000(n int) string {
	var parts []string
	if n >= 100 {
		parts = append(parts, ones[n/100]+" hundred")
		n %= 100
		if n > 0 {
			parts = append(parts, "and")
		}
	}
	if n >= 20 {
		w := tens[n/10]
		if n%10 > 0 {
			w += "-" + ones[n%10]
		}
		parts = append(parts, w)
	} else if n > 0 || len(parts) == 0 {
		parts = append(parts, ones[n])
	}
	return strings.Join(parts, " ")
}

func toWords(n int64) string {
	if n == 0 {
		return "zero"
	}
	if n < 0 {
		return "minus " + toWords(-n)
	}
	var chunks []string
	for scale := 0; n > 0; scale++ {
		if chunk := int(n % 1000); chunk > 0 {
			chunks = append([]string{below1000(chunk) + scales[scale]}, chunks...)
		}
		n /= 1000
	}
	return strings.Join(chunks, " ")
}

func main() {
	for _, n := range []int64{0, 7, 13, 20, 42, 100, 101, 999, 1000, 1001, 12345, 1000000, 2147483647, -58, 1000000000001} {
		fmt.Printf("%d: %s\n", n, toWords(n))
	}
}
