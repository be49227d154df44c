package main

import "fmt"

func sieve(limit int) []int {
	composite := make([]bool, limit+1)
	var primes []int
	for i := 2; i <= limit; i++ {
		if composite[i] {
			continue
		}
		primes = append(primes, i)
		for j := i * i; j <= limit; j += i {
			composite[j] = true
		}
	}
	return primes
}

func isPrime(n int64) bool {
	if n < 2 {
		return false
	}
	for d := int64(2); d*d <= n; d++ {
		if n%d == 0 {
			return false
		}
	}
	return true
}

func main() {
	fmt.Println("Primes up to 100:", sieve(100))
	fmt.Println("Count up to 100000:", len(sieve(100000)))
	for _, c := range []int64{97, 561, 7919, 1000003, 1000001} {
		if isPrime(c) {
			fmt.Println(c, "is prime")
		} else {
			fmt.Println(c, "is not prime")
		}
	}
	ps := sieve(1000)
	twins := 0
	for i := 1; i < len(ps); i++ {
		if ps[i]-ps[i-1] == 2 {
			twins++
		}
	}
	fmt.Println("Twin prime pairs below 1000:", twins)
}
