package main

import (
	"fmt"
	"strings"
)

type Board [9][9]int

func (b *Board) canPlace(r, c, v int) bool {
	for i := 0; i < 9; i++ {
		if b[r][i] == v || b[i][c] == v {
			return false
		}
	}
	br, bc := r/3*3, c/3*3
	for i := br; i < br+3; i++ {
		for j := bc; j < bc+3; j++ {
			if b[i][j] == v {
				return false
			}
		}
	}
	return true
}

func (b *Board) Solve(guesses *int) bool {
	for r := 0; r < 9; r++ {
		for c := 0; c < 9; c++ {
			if b[r][c] != 0 {
				continue
			}
			for v := 1; v <= 9; v++ {
				if b.canPlace(r, c, v) {
					b[r][c] = v
					*guesses++
					if b.Solve(guesses) {
						return true
					}
					b[r][c] = 0
				}
			}
			return false
		}
	}
	return true
}

func (b *Board) Print() {
	for r := 0; r < 9; r++ {
		if r > 0 && r%3 == 0 {
			fmt.Println("------+-------+------")
		}
		var parts []string
		for c := 0; c < 9; c++ {
			if c > 0 && c%3 == 0 {
				parts = append(parts, "|")
			}
			if b[r][c] == 0 {
				parts = append(parts, ".")
			} else {
				parts = append(parts, fmt.Sprint(b[r][c]))
			}
		}
		fmt.Println(strings.Join(parts, " "))
	}
}

func main() {
	puzzle := "530070000" +
		"600195000" +
		"098000060" +
		"800060003" +
		"400803001" +
		"700020006" +
		"060000280" +
		"000419005" +
		"000080079"
	var b Board
	for i, ch := range puzzle {
		b[i/9][i%9] = int(ch - '0')
	}
	fmt.Println("Puzzle:")
	b.Print()
	guesses := 0
	if b.Solve(&guesses) {
		fmt.Printf("\nSolution (%d placements tried):\n", guesses)
		b.Print()
	} else {
		fmt.Println("No solution")
	}
}
