package main

import "fmt"

type move struct {
	disk     int
	from, to byte
}

func hanoi(n int, from, to, via byte, moves *[]move) {
	if n == 0 {
		return
	}
	hanoi(n-1, from, via, to, moves)
	*moves = append(*moves, move{n, from, to})
	hanoi(n-1, via, to, from, moves)
}

func countMoves(n int) int {
	if n == 0 {
		return 0
	}
	return 2*countMoves(n-1) + 1
}

func main() {
	var moves []move
	hanoi(4, 'A', 'C', 'B', &moves)
	for _, m := range moves {
		fmt.Printf("Move disk %d from %c to %c\n", m.disk, m.from, m.to)
	}
	fmt.Println("Total moves for 4 disks:", len(moves))
	for n := 1; n <= 20; n += 5 {
		var ms []move
		hanoi(n, 'A', 'C', 'B', &ms)
		fmt.Printf("%d disks: %d moves (formula %d, 2^n - 1 = %d)\n", n, len(ms), countMoves(n), (1<<n)-1)
	}
	// replay the 4-disk solution on real pegs and check the result
	pegs := map[byte][]int{'A': {4, 3, 2, 1}, 'B': {}, 'C': {}}
	for _, m := range moves {
		src := pegs[m.from]
		disk := src[len(src)-1]
		pegs[m.from] = src[:len(src)-1]
		if dst := pegs[m.to]; len(dst) > 0 && dst[len(dst)-1] < disk {
			fmt.Println("illegal move!")
		}
		pegs[m.to] = append(pegs[m.to], disk)
	}
	fmt.Println("final pegs: A", pegs['A'], "B", pegs['B'], "C", pegs['C'])
}
