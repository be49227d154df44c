package main

import (
	"fmt"
	"math/big"
	"strings"
)

func factorial(n uint64) uint64 {
	if n <= 1 {
		return 1
	}
	return n * factorial(n-1)
}

func bigFactorial(n int64) *big.Int {
	result := big.NewInt(1)
	for i := int64(2); i <= n; i++ {
		result.Mul(result, big.NewInt(i))
	}
	return result
}

func main() {
	for i := uint64(0); i <= 20; i += 5 {
		fmt.Printf("%d! = %d\n", i, factorial(i))
	}
	f50 := bigFactorial(50)
	digits := f50.String()
	fmt.Println("50! =", digits)
	sum := 0
	for _, c := range digits {
		sum += int(c - '0')
	}
	zeros := len(digits) - len(strings.TrimRight(digits, "0"))
	fmt.Printf("digits: %d, digit sum: %d\n", len(digits), sum)
	fmt.Println("trailing zeros:", zeros)
	f100 := bigFactorial(100).String()
	fmt.Printf("100! has %d digits, starts with %s\n", len(f100), f100[:10])
}
