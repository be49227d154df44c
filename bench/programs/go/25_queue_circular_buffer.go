package main

import (
	"fmt"
	"strings"
)

type RingBuffer struct {
	data             []int
	head, tail, size int
}

func NewRingBuffer(capacity int) *RingBuffer { return &RingBuffer{data: make([]int, capacity)} }

func (q *RingBuffer) Enqueue(v int) bool {
	if q.size == len(q.data) {
		return false
	}
	q.data[q.tail] = v
	q.tail = (q.tail + 1) % len(q.data)
	q.size++
	return true
}

func (q *RingBuffer) Dequeue() (int, bool) {
	if q.size == 0 {
		return 0, false
	}
	v := q.data[q.head]
	q.head = (q.head + 1) % len(q.data)
	q.size--
	return v, true
}

func (q *RingBuffer) String() string {
	parts := make([]string, q.size)
	for i := 0; i < q.size; i++ {
		parts[i] = fmt.Sprint(q.data[(q.head+i)%len(q.data)])
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func main() {
	q := NewRingBuffer(4)
	for i := 1; i <= 5; i++ {
		status := "ok"
		if !q.Enqueue(i) {
			status = "full"
		}
		fmt.Printf("enqueue %d: %s -> %v\n", i, status, q)
	}
	for i := 0; i < 2; i++ {
		v, _ := q.Dequeue()
		fmt.Println("dequeue:", v)
	}
	q.Enqueue(6)
	q.Enqueue(7)
	fmt.Printf("after wrap-around: %v size %d\n", q, q.size)
	for {
		v, ok := q.Dequeue()
		if !ok {
			break
		}
		fmt.Println("drain:", v)
	}

	// a buffered channel works as a FIFO queue too
	ch := make(chan string, 3)
	ch <- "first"
	ch <- "second"
	ch <- "third"
	close(ch)
	for s := range ch {
		fmt.Println("channel queue:", s)
	}
}
