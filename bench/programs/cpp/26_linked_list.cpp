#include <iostream>
#include <memory>

class LinkedList {
    struct Node {
        int value;
        std::unique_ptr<Node> next;
        explicit Node(int v) : value(v) {}
    };
    std::unique_ptr<Node> head_;
    size_t size_ = 0;

public:
    void append(int v) {
        std::unique_ptr<Node>* cur = &head_;
        while (*cur) cur = &(*cur)->next;
        *cur = std::make_unique<Node>(v);
        ++size_;
    }
    void prepend(int v) {
        auto n = std::make_unique<Node>(v);
        n->next = std::move(head_);
        head_ = std::move(n);
        ++size_;
    }
    bool remove(int v) {
        for (std::unique_ptr<Node>* cur = &head_; *cur; cur = &(*cur)->next) {
            if ((*cur)->value == v) {
                *cur = std::move((*cur)->next);
                --size_;
                return true;
            }
        }
        return false;
    }
    void reverse() {
        std::unique_ptr<Node> prev;
        while (head_) {
            auto next = std::move(head_->next);
            head_->next = std::move(prev);
            prev = std::move(head_);
            head_ = std::move(next);
        }
        head_ = std::move(prev);
    }
    int middle() const {
        const Node* slow = head_.get();
        const Node* fast = head_.get();
        while (fast->next && fast->next->next) {
            slow = slow->next.get();
            fast = fast->next->next.get();
        }
        return slow->value;
    }
    size_t size() const { return size_; }
    friend std::ostream& operator<<(std::ostream& os, const LinkedList& l) {
        for (const Node* n = l.head_.get(); n; n = n->next.get()) os << n->value << " -> ";
        return os << "null";
    }
};

int main() {
    LinkedList list;
    for (int i = 1; i <= 5; ++i) list.append(i * 10);
    list.prepend(5);
    std::cout << "list:     " << list << " (size " << list.size() << ")\n";
    std::cout << "middle:   " << list.middle() << '\n';
    bool r30 = list.remove(30);
    bool r99 = list.remove(99);
    std::cout << std::boolalpha << "remove 30: " << r30 << ", remove 99: " << r99 << '\n';
    std::cout << "list:     " << list << " (size " << list.size() << ")\n";
    list.reverse();
    std::cout << "reversed: " << list << '\n';
    return 0;
}
