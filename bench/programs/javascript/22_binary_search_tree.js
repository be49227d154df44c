class TreeNode {
  constructor(key) {
    this.key = key;
    this.left = null;
    this.right = null;
  }
}

class BST {
  constructor() {
    this.root = null;
  }

  insert(key) {
    if (!this.root) {
      this.root = new TreeNode(key);
      return;
    }
    let node = this.root;
    for (;;) {
      if (key < node.key) {
        if (!node.left) {
          node.left = new TreeNode(key);
          return;
        }
        node = node.left;
      } else if (key > node.key) {
        if (!node.right) {
          node.right = new TreeNode(key);
          return;
        }
        node = node.right;
      } else {
        return; // no duplicates
      }
    }
  }

  contains(key) {
    let node = this.root;
    while (node) {
      if (key === node.key) return true;
      node = key < node.key ? node.left : node.right;
    }
    return false;
  }

  delete(key) {
    this.root = this.#delete(this.root, key);
  }

  #delete(node, key) {
    if (!node) return null;
    if (key < node.key) {
      node.left = this.#delete(node.left, key);
    } else if (key > node.key) {
      node.right = this.#delete(node.right, key);
    } else {
      if (!node.left) return node.right;
      if (!node.right) return node.left;
      let successor = node.right;
      while (successor.left) successor = successor.left;
      node.key = successor.key;
      node.right = this.#delete(node.right, successor.key);
    }
    return node;
  }

  inorder() {
    const out = [];
    const walk = (node) => {
      if (!node) return;
      walk(node.left);
      out.push(node.key);
      walk(node.right);
    };
    walk(this.root);
    return out;
  }

  preorder() {
    const out = [];
    const stack = this.root ? [this.root] : [];
    while (stack.length) {
      const node = stack.pop();
      out.push(node.key);
      if (node.right) stack.push(node.right);
      if (node.left) stack.push(node.left);
    }
    return out;
  }

  levelOrder() {
    const levels = [];
    let current = this.root ? [this.root] : [];
    while (current.length) {
      levels.push(current.map((n) => n.key));
      current = current.flatMap((n) => [n.left, n.right]).filter(Boolean);
    }
    return levels;
  }

  height(node = this.root) {
    if (!node) return 0;
    return 1 + Math.max(this.height(node.left), this.height(node.right));
  }

  min() {
    let node = this.root;
    while (node.left) node = node.left;
    return node.key;
  }

  max() {
    let node = this.root;
    while (node.right) node = node.right;
    return node.key;
  }
}

const fmt = (a) => JSON.stringify(a).replace(/,/g, ', ');
const tree = new BST();
[50, 30, 70, 20, 40, 60, 80, 35, 45, 65, 30].forEach((k) => tree.insert(k));
console.log('In-order:   ', fmt(tree.inorder()));
console.log('Pre-order:  ', fmt(tree.preorder()));
console.log('Levels:     ', fmt(tree.levelOrder()));
console.log('Height:', tree.height(), 'Min:', tree.min(), 'Max:', tree.max());
for (const k of [45, 55]) console.log(`Contains ${k}? ${tree.contains(k)}`);
for (const k of [20, 30, 50]) {
  tree.delete(k);
  console.log(`After deleting ${k}: ${fmt(tree.inorder())} levels=${fmt(tree.levelOrder())}`);
}
