class BST
  Node = Struct.new(:key, :left, :right)

  def initialize
    @root = nil
  end

  def insert(key)
    if @root.nil?
      @root = Node.new(key)
      return
    end
    node = @root
    loop do
      if key < node.key
        return node.left = Node.new(key) if node.left.nil?

        node = node.left
      elsif key > node.key
        return node.right = Node.new(key) if node.right.nil?

        node = node.right
      else
        return # no duplicates
      end
    end
  end

  def include?(key)
    node = @root
    while node
      return true if key == node.key

      node = key < node.key ? node.left : node.right
    end
    false
  end

  def delete(key)
    @root = delete_from(@root, key)
  end

  def inorder(node = @root, out = [])
    return out if node.nil?

    inorder(node.left, out)
    out << node.key
    inorder(node.right, out)
  end

  def preorder
    out = []
    stack = @root ? [@root] : []
    until stack.empty?
      node = stack.pop
      out << node.key
      stack.push(node.right) if node.right
      stack.push(node.left) if node.left
    end
    out
  end

  def level_order
    levels = []
    current = @root ? [@root] : []
    until current.empty?
      levels << current.map(&:key)
      current = current.flat_map { |n| [n.left, n.right] }.compact
    end
    levels
  end

  def height(node = @root)
    return 0 if node.nil?

    1 + [height(node.left), height(node.right)].max
  end

  def min
    node = @root
    node = node.left while node.left
    node.key
  end

  def max
    node = @root
    node = node.right while node.right
    node.key
  end

  private

  def delete_from(node, key)
    return nil if node.nil?

    if key < node.key
      node.left = delete_from(node.left, key)
    elsif key > node.key
      node.right = delete_from(node.right, key)
    else
      return node.right if node.left.nil?
      return node.left if node.right.nil?

      successor = node.right
      successor = successor.left while successor.left
      node.key = successor.key
      node.right = delete_from(node.right, successor.key)
    end
    node
  end
end

tree = BST.new
[50, 30, 70, 20, 40, 60, 80, 35, 45, 65, 30].each { |k| tree.insert(k) }
puts "In-order:    #{tree.inorder.inspect}"
puts "Pre-order:   #{tree.preorder.inspect}"
puts "Levels:      #{tree.level_order.inspect}"
puts "Height: #{tree.height} Min: #{tree.min} Max: #{tree.max}"
[45, 55].each { |k| puts "Contains #{k}? #{tree.include?(k)}" }
[20, 30, 50].each do |k|
  tree.delete(k)
  puts "After deleting #{k}: #{tree.inorder.inspect} levels=#{tree.level_order.inspect}"
end
