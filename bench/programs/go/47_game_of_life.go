package main

import (
	"fmt"
	"strings"
)

const rows, cols = 10, 12

type Grid [rows][cols]bool

func (g *Grid) Step() *Grid {
	var next Grid
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			n := 0
			for dr := -1; dr <= 1; dr++ {
				for dc := -1; dc <= 1; dc++ {
					if (dr != 0 || dc != 0) && g[(r+dr+rows)%rows][(c+dc+cols)%cols] {
						n++
					}
				}
			}
			next[r][c] = n == 3 || (g[r][c] && n == 2)
		}
	}
	return &next
}

func (g *Grid) String() string {
	var sb strings.Builder
	for _, row := range g {
		for _, cell := range row {
			if cell {
				sb.WriteByte('#')
			} else {
				sb.WriteByte('.')
			}
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}

func (g *Grid) Alive() int {
	n := 0
	for _, row := range g {
		for _, cell := range row {
			if cell {
				n++
			}
		}
	}
	return n
}

func main() {
	g := &Grid{}
	for _, p := range [][2]int{{0, 1}, {1, 2}, {2, 0}, {2, 1}, {2, 2}} {
		g[p[0]][p[1]] = true
	}
	for _, p := range [][2]int{{6, 8}, {6, 9}, {6, 10}} {
		g[p[0]][p[1]] = true
	}
	for gen := 0; gen <= 4; gen++ {
		if gen%2 == 0 {
			fmt.Printf("Generation %d (%d alive):\n%s", gen, g.Alive(), g)
		}
		g = g.Step()
	}
}
