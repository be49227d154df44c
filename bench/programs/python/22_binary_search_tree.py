class TreeNode:
    def __init__(self, key):
        self.key = key
        self.left = None
        self.right = None


class BST:
    def __init__(self):
        self.root = None

    def insert(self, key):
        if self.root is None:
            self.root = TreeNode(key)
            return
        node = self.root
        while True:
            if key < node.key:
                if node.left is None:
                    node.left = TreeNode(key)
                    return
                node = node.left
            elif key > node.key:
                if node.right is None:
                    node.right = TreeNode(key)
                    return
                node = node.right
            else:
                return  # no duplicates

    def contains(self, key):
        node = self.root
        while node:
            if key == node.key:
                return True
            node = node.left if key < node.key else node.right
        return False

    def delete(self, key):
        self.root = self._delete(self.root, key)

    def _delete(self, node, key):
        if node is None:
            return None
        if key < node.key:
            node.left = self._delete(node.left, key)
        elif key > node.key:
            node.right = self._delete(node.right, key)
        else:
            if node.left is None:
                return node.right
            if node.right is None:
                return node.left
            successor = node.right
            while successor.left:
                successor = successor.left
            node.key = successor.key
            node.right = self._delete(node.right, successor.key)
        return node

    def inorder(self):
        out = []

        def walk(node):
            if node:
                walk(node.left)
                out.append(node.key)
                walk(node.right)

        walk(self.root)
        return out

    def preorder(self):
        out, stack = [], [self.root] if self.root else []
        while stack:
            node = stack.pop()
            out.append(node.key)
            if node.right:
                stack.append(node.right)
            if node.left:
                stack.append(node.left)
        return out

    def level_order(self):
        levels, current = [], [self.root] if self.root else []
        while current:
            levels.append([n.key for n in current])
            current = [c for n in current for c in (n.left, n.right) if c]
        return levels

    def height(self, node="root"):
        if node == "root":
            node = self.root
        if node is None:
            return 0
        return 1 + max(self.height(node.left), self.height(node.right))

    def min(self):
        node = self.root
        while node.left:
            node = node.left
        return node.key

    def max(self):
        node = self.root
        while node.right:
            node = node.right
        return node.key


tree = BST()
for k in [50, 30, 70, 20, 40, 60, 80, 35, 45, 65, 30]:
    tree.insert(k)
print("In-order:   ", tree.inorder())
print("Pre-order:  ", tree.preorder())
print("Levels:     ", tree.level_order())
print("Height:", tree.height(), "Min:", tree.min(), "Max:", tree.max())
for k in (45, 55):
    print(f"Contains {k}? {tree.contains(k)}")
for k in (20, 30, 50):
    tree.delete(k)
    print(f"After deleting {k}: {tree.inorder()} levels={tree.level_order()}")
