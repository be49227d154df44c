package main

import (
	"fmt"
	"strings"
)

type Number interface {
	~int | ~int64 | ~float64
}

type Pair[A, B any] struct {
	First  A
	Second B
}

func (p Pair[A, B]) Swap() Pair[B, A] { return Pair[B, A]{p.Second, p.First} }

func (p Pair[A, B]) String() string { return fmt.Sprintf("(%v, %v)", p.First, p.Second) }

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func Reduce[T, A any](xs []T, init A, f func(A, T) A) A {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

func Sum[T Number](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func MaxOf[T int | float64 | string](xs []T) T {
	best := xs[0]
	for _, x := range xs[1:] {
		if x > best {
			best = x
		}
	}
	return best
}

func Zip[A, B any](as []A, bs []B) []Pair[A, B] {
	n := len(as)
	if len(bs) < n {
		n = len(bs)
	}
	out := make([]Pair[A, B], n)
	for i := 0; i < n; i++ {
		out[i] = Pair[A, B]{as[i], bs[i]}
	}
	return out
}

func main() {
	p := Pair[string, int]{"age", 42}
	fmt.Println("pair:", p, "swapped:", p.Swap())
	nums := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	evens := Filter(nums, func(x int) bool { return x%2 == 0 })
	squares := Map(evens, func(x int) int { return x * x })
	fmt.Println("evens:", evens, "squares:", squares, "sum:", Sum(squares))
	fmt.Println("labels:", strings.Join(Map(nums[:3], func(x int) string { return fmt.Sprintf("#%d", x) }), ","))
	fmt.Println("product:", Reduce(nums[:6], 1, func(a, x int) int { return a * x }))
	fmt.Println("sum floats:", Sum([]float64{1.5, 2.25}))
	fmt.Println("max int:", MaxOf([]int{3, 17, 8, 12}), "max string:", MaxOf([]string{"pear", "apple", "zucchini", "kiwi"}))
	fmt.Println("zip:", Zip([]string{"a", "b", "c"}, []int{1, 2, 3, 4}))
}
