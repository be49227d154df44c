package main

import "fmt"

func main() {
	fmt.Println("Hello, World!")
	names := []string{"Alice", "Bob", "Carol"}
	for _, name := range names {
		fmt.Printf("Hello, %s!\n", name)
	}
	fmt.Printf("Greeted %d people.\n", len(names))
}
