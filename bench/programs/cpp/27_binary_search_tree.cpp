#include <algorithm>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

template <typename T>
class BST {
    struct Node {
        T key;
        std::unique_ptr<Node> left, right;
        explicit Node(const T& k) : key(k) {}
    };
    std::unique_ptr<Node> root_;

    static void insert(std::unique_ptr<Node>& n, const T& key) {
        if (!n) n = std::make_unique<Node>(key);
        else if (key < n->key) insert(n->left, key);
        else if (n->key < key) insert(n->right, key);
    }
    static int height(const Node* n) { return n ? 1 + std::max(height(n->left.get()), height(n->right.get())) : 0; }
    template <typename F>
    static void inOrder(const Node* n, F&& f) {
        if (!n) return;
        inOrder(n->left.get(), f);
        f(n->key);
        inOrder(n->right.get(), f);
    }
    template <typename F>
    static void preOrder(const Node* n, F&& f) {
        if (!n) return;
        f(n->key);
        preOrder(n->left.get(), f);
        preOrder(n->right.get(), f);
    }

public:
    void insert(const T& key) { insert(root_, key); }
    bool contains(const T& key) const {
        const Node* n = root_.get();
        while (n) {
            if (key < n->key) n = n->left.get();
            else if (n->key < key) n = n->right.get();
            else return true;
        }
        return false;
    }
    int height() const { return height(root_.get()); }
    std::string inOrderStr() const {
        std::ostringstream out;
        inOrder(root_.get(), [&](const T& k) { out << (out.tellp() > 0 ? " " : "") << k; });
        return out.str();
    }
    std::string preOrderStr() const {
        std::ostringstream out;
        preOrder(root_.get(), [&](const T& k) { out << (out.tellp() > 0 ? " " : "") << k; });
        return out.str();
    }
};

int main() {
    BST<int> tree;
    for (int v : {50, 30, 70, 20, 40, 60, 80, 35, 45, 65}) tree.insert(v);
    std::cout << "in-order:  " << tree.inOrderStr() << '\n';
    std::cout << "pre-order: " << tree.preOrderStr() << '\n';
    std::cout << "height:    " << tree.height() << '\n';
    std::cout << std::boolalpha << "contains 45: " << tree.contains(45) << ", contains 55: " << tree.contains(55) << '\n';
    BST<std::string> words;
    std::istringstream in("the quick brown fox jumps over the lazy dog");
    std::string w;
    while (in >> w) words.insert(w);
    std::cout << "words sorted: " << words.inOrderStr() << '\n';
    return 0;
}
