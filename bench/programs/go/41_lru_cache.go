package main

import (
	"container/list"
	"fmt"
	"strings"
)

type entry struct {
	key   string
	value int
}

type LRUCache struct {
	capacity     int
	order        *list.List
	items        map[string]*list.Element
	hits, misses int
}

func NewLRUCache(capacity int) *LRUCache {
	return &LRUCache{capacity: capacity, order: list.New(), items: map[string]*list.Element{}}
}

func (c *LRUCache) Get(key string) (int, bool) {
	if el, ok := c.items[key]; ok {
		c.hits++
		c.order.MoveToFront(el)
		return el.Value.(*entry).value, true
	}
	c.misses++
	return 0, false
}

func (c *LRUCache) Put(key string, value int) {
	if el, ok := c.items[key]; ok {
		el.Value.(*entry).value = value
		c.order.MoveToFront(el)
		return
	}
	if c.order.Len() == c.capacity {
		oldest := c.order.Back()
		e := oldest.Value.(*entry)
		fmt.Println("  evict", e.key)
		delete(c.items, e.key)
		c.order.Remove(oldest)
	}
	c.items[key] = c.order.PushFront(&entry{key, value})
}

func (c *LRUCache) String() string {
	var parts []string
	for el := c.order.Front(); el != nil; el = el.Next() {
		e := el.Value.(*entry)
		parts = append(parts, fmt.Sprintf("%s=%d", e.key, e.value))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func main() {
	c := NewLRUCache(3)
	c.Put("a", 1)
	c.Put("b", 2)
	c.Put("c", 3)
	v, ok := c.Get("a")
	fmt.Println("get a ->", v, ok)
	c.Put("d", 4)
	v, ok = c.Get("b")
	fmt.Println("get b ->", v, ok)
	c.Put("c", 30)
	c.Put("e", 5)
	fmt.Println("cache (most recent first):", c)
	fmt.Printf("hits=%d misses=%d\n", c.hits, c.misses)
}
