class LinkedList
  include Enumerable

  Node = Struct.new(:value, :next_node)

  attr_reader :size

  def initialize(values = [])
    @head = nil
    @size = 0
    values.each { |v| append(v) }
  end

  def append(value)
    node = Node.new(value, nil)
    if @head.nil?
      @head = node
    else
      cur = @head
      cur = cur.next_node while cur.next_node
      cur.next_node = node
    end
    @size += 1
  end

  def prepend(value)
    @head = Node.new(value, @head)
    @size += 1
  end

  def remove(value)
    prev = nil
    cur = @head
    while cur
      if cur.value == value
        prev ? prev.next_node = cur.next_node : @head = cur.next_node
        @size -= 1
        return true
      end
      prev = cur
      cur = cur.next_node
    end
    false
  end

  def reverse!
    prev = nil
    cur = @head
    while cur
      nxt = cur.next_node
      cur.next_node = prev
      prev = cur
      cur = nxt
    end
    @head = prev
  end

  def middle
    slow = fast = @head
    while fast&.next_node
      slow = slow.next_node
      fast = fast.next_node.next_node
    end
    slow&.value
  end

  def each
    cur = @head
    while cur
      yield cur.value
      cur = cur.next_node
    end
  end

  def to_s
    "#{to_a.join(' -> ')} -> None"
  end
end

list = LinkedList.new([1, 2, 3, 4, 5])
puts "List: #{list} (size #{list.size})"
list.prepend(0)
list.append(6)
puts "After prepend/append: #{list}"
puts "Removed 3: #{list.remove(3)} | removed 42: #{list.remove(42)}"
puts "List: #{list} (size #{list.size})"
puts "Middle: #{list.middle}"
list.reverse!
puts "Reversed: #{list}"
puts "Sum: #{list.sum}"
