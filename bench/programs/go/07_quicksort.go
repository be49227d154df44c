package main

import (
	"fmt"
	"sort"
)

func quickSort(a []int) {
	if len(a) < 2 {
		return
	}
	pivot := a[len(a)-1]
	i := 0
	for j := 0; j < len(a)-1; j++ {
		if a[j] < pivot {
			a[i], a[j] = a[j], a[i]
			i++
		}
	}
	a[i], a[len(a)-1] = a[len(a)-1], a[i]
	quickSort(a[:i])
	quickSort(a[i+1:])
}

type lcg struct{ state uint32 }

func (g *lcg) next() uint32 {
	g.state = g.state*1103515245 + 12345
	return g.state >> 16
}

func main() {
	data := []int{38, 27, 43, 3, 9, 82, 10, 3, -5, 0, 17}
	fmt.Println("Input: ", data)
	quickSort(data)
	fmt.Println("Sorted:", data)

	rng := &lcg{state: 12345}
	big := make([]int, 2000)
	for i := range big {
		big[i] = int(rng.next() % 10000)
	}
	cp := append([]int(nil), big...)
	quickSort(big)
	sort.Ints(cp)
	same := true
	for i := range big {
		if big[i] != cp[i] {
			same = false
		}
	}
	fmt.Println("Matches sort.Ints:", same)
	fmt.Printf("Min %d, max %d, median %d\n", big[0], big[len(big)-1], big[len(big)/2])
}
