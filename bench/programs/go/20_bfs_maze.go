package main

import "fmt"

type point struct{ r, c int }

func main() {
	maze := []string{
		"S.#.......",
		".##.####..",
		"....#..#.#",
		"#.#.#.##..",
		"..#...#..#",
		".####.#.#.",
		"......#..E",
	}
	grid := make([][]byte, len(maze))
	var start, end point
	for r, row := range maze {
		grid[r] = []byte(row)
		for c := range row {
			switch row[c] {
			case 'S':
				start = point{r, c}
			case 'E':
				end = point{r, c}
			}
		}
	}
	dist := map[point]int{start: 0}
	prev := map[point]point{}
	queue := []point{start}
	dirs := []point{{-1, 0}, {1, 0}, {0, -1}, {0, 1}}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, d := range dirs {
			n := point{p.r + d.r, p.c + d.c}
			if n.r < 0 || n.c < 0 || n.r >= len(grid) || n.c >= len(grid[0]) || grid[n.r][n.c] == '#' {
				continue
			}
			if _, seen := dist[n]; seen {
				continue
			}
			dist[n] = dist[p] + 1
			prev[n] = p
			queue = append(queue, n)
		}
	}
	d, ok := dist[end]
	if !ok {
		fmt.Println("No path")
		return
	}
	fmt.Println("Shortest path length:", d)
	for p := prev[end]; p != start; p = prev[p] {
		grid[p.r][p.c] = '*'
	}
	for _, row := range grid {
		fmt.Println(string(row))
	}
	fmt.Println("Reachable cells:", len(dist))
}
