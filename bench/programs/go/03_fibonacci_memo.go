package main

import (
	"fmt"
	"strings"
)

var memo = map[int]uint64{}

func fibMemo(n int) uint64 {
	if n < 2 {
		return uint64(n)
	}
	if v, ok := memo[n]; ok {
		return v
	}
	v := fibMemo(n-1) + fibMemo(n-2)
	memo[n] = v
	return v
}

func fibIterative(n int) uint64 {
	var a, b uint64 = 0, 1
	for i := 0; i < n; i++ {
		a, b = b, a+b
	}
	return a
}

// fibGenerator returns a closure producing successive Fibonacci numbers.
func fibGenerator() func() uint64 {
	var a, b uint64 = 0, 1
	return func() uint64 {
		r := a
		a, b = b, a+b
		return r
	}
}

func main() {
	parts := make([]string, 0, 15)
	for i := 0; i < 15; i++ {
		parts = append(parts, fmt.Sprint(fibMemo(i)))
	}
	fmt.Println("First 15: " + strings.Join(parts, ", "))
	for _, n := range []int{30, 50, 90} {
		fmt.Printf("fib(%d) = %d (iterative: %d)\n", n, fibMemo(n), fibIterative(n))
	}
	gen := fibGenerator()
	for i := 0; i < 10; i++ {
		fmt.Print(gen(), " ")
	}
	fmt.Println("...")
}
