package main

import (
	"fmt"
	"sync"
)

func collatzLength(n uint64) int {
	steps := 1
	for n != 1 {
		if n%2 == 0 {
			n /= 2
		} else {
			n = 3*n + 1
		}
		steps++
	}
	return steps
}

type job struct {
	index    int
	from, to uint64
}

type result struct {
	index  int
	best   uint64
	length int
}

func worker(jobs <-chan job, results chan<- result, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		r := result{index: j.index, best: j.from}
		for i := j.from; i < j.to; i++ {
			if l := collatzLength(i); l > r.length {
				r.best, r.length = i, l
			}
		}
		results <- r
	}
}

func main() {
	fmt.Print("27 starts:")
	n := uint64(27)
	for i := 0; i < 12; i++ {
		fmt.Print(" ", n)
		if n%2 == 0 {
			n /= 2
		} else {
			n = 3*n + 1
		}
	}
	fmt.Printf(" ... (%d terms)\n", collatzLength(27))

	const chunk, limit = 25000, 200000
	jobs := make(chan job)
	results := make(chan result)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go worker(jobs, results, &wg)
	}
	go func() {
		idx := 0
		for start := uint64(1); start < limit; start += chunk {
			jobs <- job{idx, start, start + chunk}
			idx++
		}
		close(jobs)
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	collected := make([]result, limit/chunk)
	for r := range results {
		collected[r.index] = r
	}
	var best result
	for _, r := range collected {
		fmt.Printf("chunk %d: best %d (%d terms)\n", r.index, r.best, r.length)
		if r.length > best.length {
			best = r
		}
	}
	fmt.Printf("Longest below %d: %d with %d terms\n", limit, best.best, best.length)

	var mu sync.Mutex
	counter := 0
	var wg2 sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			mu.Lock()
			counter++
			mu.Unlock()
		}()
	}
	wg2.Wait()
	fmt.Println("mutex-protected counter:", counter)
}
