package main

import (
	"fmt"
	"strings"
)

func makeCounter(start, step int) func() int {
	value := start
	return func() int {
		v := value
		value += step
		return v
	}
}

func compose(fs ...func(int) int) func(int) int {
	return func(x int) int {
		for _, f := range fs {
			x = f(x)
		}
		return x
	}
}

func memoize(f func(int) int) (func(int) int, *int) {
	cache := map[int]int{}
	calls := 0
	return func(n int) int {
		if v, ok := cache[n]; ok {
			return v
		}
		calls++
		v := f(n)
		cache[n] = v
		return v
	}, &calls
}

func main() {
	byOne := makeCounter(0, 1)
	byTen := makeCounter(100, 10)
	for i := 0; i < 3; i++ {
		a := byOne()
		b := byTen()
		fmt.Println("counters:", a, b)
	}
	pipeline := compose(func(x int) int { return x + 3 }, func(x int) int { return x * 2 }, func(x int) int { return x - 1 })
	fmt.Println("pipeline(5) =", pipeline(5))

	var power func(b, e int) int
	power = func(b, e int) int {
		if e == 0 {
			return 1
		}
		return b * power(b, e-1)
	}
	curriedAdd := func(a int) func(int) int { return func(b int) int { return a + b } }
	fmt.Println("power(2, 10) =", power(2, 10))
	fmt.Println("curriedAdd(3)(4) =", curriedAdd(3)(4))

	square, calls := memoize(func(n int) int { return n * n })
	for _, n := range []int{4, 5, 4, 4, 5, 6} {
		fmt.Print(square(n), " ")
	}
	fmt.Println("| underlying calls:", *calls)

	var funcs []func() string
	for _, w := range []string{"alpha", "beta", "gamma"} {
		w := w
		funcs = append(funcs, func() string { return strings.ToUpper(w) })
	}
	results := make([]string, 0, len(funcs))
	for _, f := range funcs {
		results = append(results, f())
	}
	fmt.Println(strings.Join(results, " "))

	total := 0
	defer func() { fmt.Println("deferred closure sees total =", total) }()
	for i := 1; i <= 5; i++ {
		total += i * i
	}
	fmt.Println("sum of squares:", total)
}
