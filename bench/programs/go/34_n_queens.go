package main

import (
	"fmt"
	"strings"
)

type solver struct {
	n               int
	cols            []int
	usedCol, d1, d2 []bool
	count           int
	first           []int
}

func newSolver(n int) *solver {
	return &solver{n: n, cols: make([]int, n), usedCol: make([]bool, n), d1: make([]bool, 2*n), d2: make([]bool, 2*n)}
}

func (s *solver) place(row int) {
	if row == s.n {
		if s.count == 0 {
			s.first = append([]int(nil), s.cols...)
		}
		s.count++
		return
	}
	for c := 0; c < s.n; c++ {
		a, b := row+c, row-c+s.n-1
		if s.usedCol[c] || s.d1[a] || s.d2[b] {
			continue
		}
		s.usedCol[c], s.d1[a], s.d2[b] = true, true, true
		s.cols[row] = c
		s.place(row + 1)
		s.usedCol[c], s.d1[a], s.d2[b] = false, false, false
	}
}

func main() {
	for n := 1; n <= 9; n++ {
		s := newSolver(n)
		s.place(0)
		fmt.Printf("%d-queens: %d solutions\n", n, s.count)
	}
	s := newSolver(8)
	s.place(0)
	fmt.Println("First solution for 8 queens:")
	for _, c := range s.first {
		row := make([]string, 8)
		for i := range row {
			row[i] = "."
		}
		row[c] = "Q"
		fmt.Println(strings.Join(row, " "))
	}
}
