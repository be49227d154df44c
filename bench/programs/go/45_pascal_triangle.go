package main

import (
	"fmt"
	"strings"
)

func pascal(rows int) [][]uint64 {
	tri := make([][]uint64, rows)
	for r := range tri {
		tri[r] = make([]uint64, r+1)
		tri[r][0], tri[r][r] = 1, 1
		for c := 1; c < r; c++ {
			tri[r][c] = tri[r-1][c-1] + tri[r-1][c]
		}
	}
	return tri
}

func main() {
	const rows = 10
	tri := pascal(rows)
	width := 2*rows + 10
	for _, row := range tri {
		parts := make([]string, len(row))
		for i, v := range row {
			parts[i] = fmt.Sprint(v)
		}
		line := strings.Join(parts, " ")
		pad := (width - len(line)) / 2
		if pad < 0 {
			pad = 0
		}
		fmt.Println(strings.Repeat(" ", pad) + line)
	}
	big := pascal(61)
	fmt.Println("C(30, 15) =", big[30][15])
	fmt.Println("C(60, 30) =", big[60][30])
	var sum uint64
	for _, v := range big[30] {
		sum += v
	}
	fmt.Printf("sum of row 30 = %d = 2^30: %v\n", sum, sum == 1<<30)
	for r := 0; r < 16; r++ {
		cells := make([]string, r+1)
		for c := range cells {
			cells[c] = " "
			if big[r][c]%2 == 1 {
				cells[c] = "*"
			}
		}
		fmt.Println(strings.Repeat(" ", 16-r) + strings.Join(cells, " "))
	}
}
