package main

import (
	"errors"
	"fmt"
)

type Matrix [][]int64

func (a Matrix) Mul(b Matrix) (Matrix, error) {
	if len(a[0]) != len(b) {
		return nil, errors.New("dimension mismatch")
	}
	out := make(Matrix, len(a))
	for i := range a {
		out[i] = make([]int64, len(b[0]))
		for j := range b[0] {
			for k := range b {
				out[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return out, nil
}

func identity(n int) Matrix {
	m := make(Matrix, n)
	for i := range m {
		m[i] = make([]int64, n)
		m[i][i] = 1
	}
	return m
}

func (a Matrix) Pow(e int) Matrix {
	result, base := identity(len(a)), a
	for e > 0 {
		if e&1 == 1 {
			result, _ = result.Mul(base)
		}
		base, _ = base.Mul(base)
		e >>= 1
	}
	return result
}

func (a Matrix) Print(label string) {
	fmt.Println(label + ":")
	for _, row := range a {
		fmt.Print(" ")
		for _, v := range row {
			fmt.Printf("%6d", v)
		}
		fmt.Println()
	}
}

func main() {
	a := Matrix{{1, 2, 3}, {4, 5, 6}}
	b := Matrix{{7, 8}, {9, 10}, {11, 12}}
	a.Print("A")
	b.Print("B")
	ab, _ := a.Mul(b)
	ab.Print("A x B")
	ba, _ := b.Mul(a)
	ba.Print("B x A")
	if _, err := a.Mul(a); err != nil {
		fmt.Println("A x A: error:", err)
	}
	fib := Matrix{{1, 1}, {1, 0}}
	fmt.Println("fib(40) via matrix power:", fib.Pow(40)[0][1])
}
