package main

import (
	"sync"

	"example.com/orders/internal/pricing"
)

// entry is a node of the store's recency list.
type entry struct {
	order      *Order
	prev, next *entry
}

// Store keeps the most recently touched orders, newest first, in a doubly linked list.
type Store struct {
	mu    sync.Mutex
	byID  map[int]*entry
	head  *entry
	tail  *entry
	limit int
	hits  int
}

func NewStore(limit int) *Store {
	return &Store{byID: make(map[int]*entry), limit: limit}
}

// Put inserts or refreshes an order.
func (s *Store) Put(o *Order) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.byID[o.ID]; ok {
		e.order = o
		s.moveToFront(e)
		return
	}
	e := &entry{order: o}
	s.byID[o.ID] = e
	s.pushFront(e)
	if len(s.byID) > s.limit {
		old := s.tail
		s.unlink(old)
		delete(s.byID, old.order.ID)
	}
}

// Get is the hot lookup helper: called once per order line by the pipeline.
func (s *Store) Get(id int) *Order {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.byID[id]
	if !ok {
		return nil
	}
	s.hits++
	s.moveToFront(e)
	return e.order
}

func (s *Store) pushFront(e *entry) {
	e.prev = nil
	e.next = s.head
	if s.head != nil {
		s.head.prev = e
	}
	s.head = e
	if s.tail == nil {
		s.tail = e
	}
}

func (s *Store) unlink(e *entry) {
	if e.prev != nil {
		e.prev.next = e.next
	} else {
		s.head = e.next
	}
	if e.next != nil {
		e.next.prev = e.prev
	} else {
		s.tail = e.prev
	}
	e.prev, e.next = nil, nil
}

func (s *Store) moveToFront(e *entry) {
	if s.head == e {
		return
	}
	s.unlink(e)
	s.pushFront(e)
}

// Reverse reverses the recency list in place (used by the oldest-first report).
func (s *Store) Reverse() {
	s.mu.Lock()
	defer s.mu.Unlock()
	var prev *entry
	s.tail = s.head
	for e := s.head; e != nil; {
		next := e.next
		e.next = prev
		e.prev = next
		prev = e
		e = next
	}
	s.head = prev
}

// Totals walks the list and sums the order totals.
func (s *Store) Totals() (n int, sum pricing.Cents) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for e := s.head; e != nil; e = e.next {
		n++
		sum += e.order.Total
	}
	return n, sum
}
